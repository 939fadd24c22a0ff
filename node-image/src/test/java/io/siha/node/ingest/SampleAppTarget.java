package io.siha.node.ingest;

import io.siha.node.demo.Demo;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An ingest target over the demo's counting app with no replication: events go straight into the engine, so the app's
 * count shows exactly what the ingest port took (public: the fuzz tests count with it too). {@link #failSubmits()}
 * plays a node that stopped being active, {@link #pauseSubmits()} one that takes no events for now.
 */
public final class SampleAppTarget implements IngestTarget, AutoCloseable {

    private final SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("counter.siddhi", Demo.SAMPLE_APP)));
    private final AtomicBoolean failSubmits = new AtomicBoolean();
    private final AtomicBoolean pauseSubmits = new AtomicBoolean();

    public SampleAppTarget() {
        engine.start();
    }

    void failSubmits() {
        failSubmits.set(true);
    }

    /** Plays an active that takes no new events for now (memory or an outbox full). */
    void pauseSubmits() {
        pauseSubmits.set(true);
    }

    /**
     * The events counted by the app over all regions, read from the engine directly (not through a port that may ask
     * for a token).
     */
    public long counted() {
        return engine.query("Counter", "from Totals select events").stream()
                .mapToLong(row -> ((Number) row[0]).longValue()).sum();
    }

    @Override
    public StreamInput input(String app, String stream) {
        return engine.input(app, stream);
    }

    @Override
    public List<Object[]> query(String app, String storeQuery) {
        return engine.query(app, storeQuery);
    }

    @Override
    public CompletableFuture<Void> submit(InputSource source, List<IncomingEvent> events) {
        if (failSubmits.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("node is no longer active"));
        }
        if (pauseSubmits.get()) {
            return CompletableFuture.failedFuture(new IntakePausedException("a sink's outputs wait for their receiver"));
        }
        events.forEach(e -> e.input().send(e.timestamp(), e.data()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        engine.close();
    }
}
