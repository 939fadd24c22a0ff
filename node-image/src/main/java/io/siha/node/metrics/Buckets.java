package io.siha.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Arrays;

/** The bucket bounds of the node's timers: each set fine where that figure's targets and usual values lie. */
final class Buckets {

    /**
     * Acknowledgement waits: fine below 2 ms, the target for what the passive adds at p99 (the same bounds the node's
     * hand-written histogram had, so the bench's figures compare across versions).
     */
    static final Duration[] ACK_WAIT = micros(50, 100, 200, 300, 400, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000,
            7_500, 10_000, 20_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 10_000_000);

    /** Snapshots and takeover steps: a few milliseconds (a small state, a claimed fence) to tens of seconds. */
    static final Duration[] SLOW_STEP = micros(1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000,
            500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000, 60_000_000);

    private Buckets() {
    }

    /** A timer of {@code registry} with the {@link #SLOW_STEP} buckets. */
    static Timer slowStepTimer(MeterRegistry registry, String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(SLOW_STEP)
                .register(registry);
    }

    private static Duration[] micros(long... bounds) {
        return Arrays.stream(bounds).mapToObj(b -> Duration.ofNanos(b * 1_000)).toArray(Duration[]::new);
    }
}
