package io.siha.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Collection;
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

    /** Makes each app's discarded-state series exist at 0, so an alert on its increase sees the first one. */
    public void expectApps(Collection<String> apps) {
        apps.forEach(this::stateDiscardedCounter);
    }

    /** A takeover started {@code app} empty as the snapshot no longer fit it (spec.persistence.onIncompatibleState). */
    public void stateDiscarded(String app) {
        stateDiscardedCounter(app).increment();
    }

    private Counter stateDiscardedCounter(String app) {
        return Counter.builder("siha.app.state.discarded")
                .description("takeovers that started an app empty as its snapshot no longer fit the changed app")
                .tag("app", app).register(registry);
    }

    public long abandonedCount() {
        return (long) abandoned.count();
    }

    private Timer stepTimer(String step) {
        return Buckets.slowStepTimer(registry, "siha.takeover.step", "time of one takeover step, retries included",
                "step", step);
    }
}
