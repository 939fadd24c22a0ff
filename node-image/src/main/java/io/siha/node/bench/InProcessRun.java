package io.siha.node.bench;

import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;

import java.time.Duration;
import java.util.List;

/**
 * The ceiling: the same app fed by one thread in this JVM, one event at a time as the active's pipeline feeds it,
 * with nothing in between (no network, no sequencing, no replication).
 */
final class InProcessRun {

    private InProcessRun() {
    }

    /** Events per second over {@code measure}, after {@code warmUp} of the same to let the JIT settle. */
    static double eventsPerSecond(BenchApps app, Duration warmUp, Duration measure) {
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(app.source()))) {
            engine.start();
            StreamInput input = engine.input(app.appName, BenchApps.STREAM);
            feed(input, warmUp, 0);
            long start = System.nanoTime();
            long fed = feed(input, measure, 1_000_000_000L);
            return fed / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long feed(StreamInput input, Duration duration, long firstN) {
        long end = System.nanoTime() + duration.toNanos();
        long n = firstN;
        // The clocks are read once per 1,000 events: reading them per event would be part of what we measure.
        while (System.nanoTime() < end) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < 1_000; i++, n++) {
                input.send(now, BenchApps.trade(n));
            }
        }
        return n - firstN;
    }
}
