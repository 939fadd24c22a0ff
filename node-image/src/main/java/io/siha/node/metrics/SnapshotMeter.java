package io.siha.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The active's snapshots: how long each took (the barrier's copy of the state and the write to the persistence
 * database), how large the last one was, and how many failed. Kept across terms: a node's failures count whichever
 * term they happened in.
 */
public final class SnapshotMeter {

    private final Timer duration;
    private final Counter failures;
    private final AtomicLong lastBytes = new AtomicLong();

    public SnapshotMeter(MeterRegistry registry) {
        duration = Buckets.slowStepTimer(registry, "siha.snapshot.duration",
                "time to take and write a snapshot (state copy at the barrier plus the database write)");
        failures = Counter.builder("siha.failed.snapshots")
                .description("snapshot writes that failed (each is retried)")
                .register(registry);
        Gauge.builder("siha.snapshot.size", lastBytes, AtomicLong::get)
                .description("size of the apps' state in the last snapshot written")
                .baseUnit("bytes")
                .register(registry);
    }

    public void written(long nanos, long stateBytes) {
        duration.record(nanos, TimeUnit.NANOSECONDS);
        lastBytes.set(stateBytes);
    }

    public void failed() {
        failures.increment();
    }

    public long failures() {
        return (long) failures.count();
    }
}
