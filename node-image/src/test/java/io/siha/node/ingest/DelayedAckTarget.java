package io.siha.node.ingest;

import io.siha.node.engine.StreamInput;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A target whose acknowledgements complete later, on another thread, as the active's do (they wait for the passive);
 * it also counts how many batches reached {@link #input}, which is where an unknown stream is refused.
 */
final class DelayedAckTarget implements IngestTarget {

    private final SampleAppTarget app;
    private final Executor later;
    private final AtomicLong inputs = new AtomicLong();

    DelayedAckTarget(SampleAppTarget app, long delayMillis) {
        this.app = app;
        this.later = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS);
    }

    /** How many batches the port has looked at so far. */
    long inputs() {
        return inputs.get();
    }

    @Override
    public StreamInput input(String appName, String stream) {
        inputs.incrementAndGet();
        return app.input(appName, stream);
    }

    @Override
    public List<Object[]> query(String appName, String storeQuery) {
        return app.query(appName, storeQuery);
    }

    @Override
    public CompletableFuture<Void> submit(InputSource source, List<IncomingEvent> events) {
        return app.submit(source, events).thenApplyAsync(ok -> ok, later);
    }
}
