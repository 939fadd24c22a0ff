package io.siha.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Takeovers: each step's time ({@code siha_takeover_step_seconds{step}}, retries included: where a slow failover
 * went), the whole takeover's ({@code siha_takeover_duration_seconds}, whose count is the takeovers this node
 * completed) and the takeovers abandoned.
 */
public final class TakeoverMeter {

    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter abandoned;

    public TakeoverMeter(MeterRegistry registry) {
        this.registry = registry;
        duration = Buckets.slowStepTimer(registry, "siha.takeover.duration",
                "time from winning the lease to the ingest ports open; the count is completed takeovers");
        abandoned = Counter.builder("siha.takeovers.abandoned")
                .description("takeovers given up (lease lost, a step that cannot succeed); the lease goes to the peer")
                .register(registry);
    }

    /** Makes {@code step}'s series exist before its first takeover, so the dashboard lists every step from the start. */
    public void expectStep(String step) {
        stepTimer(step);
    }

    public void step(String step, long nanos) {
        stepTimer(step).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void completed(long nanos) {
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void abandoned() {
        abandoned.increment();
    }

    public long abandonedCount() {
        return (long) abandoned.count();
    }

    private Timer stepTimer(String step) {
        return Buckets.slowStepTimer(registry, "siha.takeover.step", "time of one takeover step, retries included",
                "step", step);
    }
}
