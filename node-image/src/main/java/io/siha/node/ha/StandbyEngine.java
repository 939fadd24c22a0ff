package io.siha.node.ha;

import io.siha.node.engine.SiddhiEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A Siddhi runtime made ahead of time, while the node is passive, so that a takeover does not spend its first tens
 * of milliseconds parsing the apps and building their runtimes (25 to 110 ms measured, more on a cold JVM). The
 * runtime is created, never started: no timer runs and nothing can be emitted before the takeover starts it.
 */
final class StandbyEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandbyEngine.class);

    private final Supplier<SiddhiEngine> factory;
    private final ExecutorService maker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "siha-standby-engine");
        thread.setDaemon(true);
        return thread;
    });
    private Future<SiddhiEngine> next;
    private boolean closed;

    StandbyEngine(Supplier<SiddhiEngine> factory) {
        this.factory = factory;
    }

    /** Starts making the next term's runtime in the background, unless one is made or on its way. */
    synchronized void prepare() {
        if (next == null && !closed) {
            next = maker.submit(factory::get);
        }
    }

    /**
     * The runtime made ahead (waiting for it if it is still being made), or a new one; the caller owns it. A failure
     * of the one made ahead is not swallowed: making it again here throws the same error to the takeover.
     */
    synchronized SiddhiEngine take() throws InterruptedException {
        Future<SiddhiEngine> prepared = next;
        next = null;
        if (prepared != null) {
            try {
                return prepared.get();
            } catch (ExecutionException e) {
                log.warn("the standby Siddhi runtime could not be made ahead; making it now: {}",
                        e.getCause().toString());
            }
        }
        return factory.get();
    }

    /** Closes a runtime made ahead and not taken. */
    @Override
    public void close() {
        Future<SiddhiEngine> prepared;
        synchronized (this) {
            closed = true;
            prepared = next;
            next = null;
        }
        maker.shutdown();
        if (prepared != null) {
            try {
                prepared.get().close();
            } catch (ExecutionException e) {
                // nothing was made, nothing to close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
