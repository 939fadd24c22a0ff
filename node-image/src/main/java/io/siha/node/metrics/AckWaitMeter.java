package io.siha.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * {@code siha_ack_wait_seconds}: how long each acknowledgement waited for the passive to hold its events (or, with no
 * passive, for a snapshot): the latency replication adds. One record per released waiter (a request or frame), on the
 * thread that released it.
 */
public final class AckWaitMeter {

    private final Timer timer;

    public AckWaitMeter(MeterRegistry registry) {
        timer = Timer.builder("siha.ack.wait")
                .description("time an acknowledgement waited for the passive to hold its events (or, degraded, for a"
                        + " snapshot)")
                .serviceLevelObjectives(Buckets.ACK_WAIT)
                .register(registry);
    }

    public void record(long nanos) {
        timer.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** The waits since the node started, for {@code /v1/status}. */
    public LatencyDistribution distribution() {
        return LatencyDistribution.of(timer);
    }
}
