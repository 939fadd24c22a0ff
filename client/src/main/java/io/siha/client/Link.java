package io.siha.client;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The client's way to one endpoint, with at most {@code maxInFlight} batches sent and unanswered at a time; more
 * wait in line until an answer frees a place. Used only on the client's I/O thread, so it needs no locks.
 */
abstract class Link {

    /** One attempt to deliver a batch here, and whom to tell how it went. */
    static final class Pending {
        final Batch batch;
        private final Consumer<Outcome> done;
        /** Transport state of the attempt: the binary request id and its answer timer. */
        long requestId;
        io.netty.util.concurrent.Future<?> timer;

        Pending(Batch batch, Consumer<Outcome> done) {
            this.batch = batch;
            this.done = done;
        }
    }

    final Endpoint endpoint;
    private final int maxInFlight;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;

    Link(Endpoint endpoint, int maxInFlight) {
        this.endpoint = endpoint;
        this.maxInFlight = maxInFlight;
    }

    /** Sends {@code batch} as soon as a place is free; {@code done} hears the outcome, exactly once. */
    final void send(Batch batch, Consumer<Outcome> done) {
        waiting.add(new Pending(batch, done));
        drain();
    }

    /** Sends waiting batches while places are free and the link can write. */
    final void drain() {
        while (!waiting.isEmpty() && inFlight < maxInFlight && writable()) {
            inFlight++;
            write(waiting.poll());
        }
    }

    /** Reports the outcome of a batch that was written; frees its place. */
    final void finish(Pending pending, Outcome outcome) {
        if (pending.timer != null) {
            pending.timer.cancel(false);
        }
        inFlight--;
        pending.done.accept(outcome);
    }

    /** Reports {@code outcome} for every batch still waiting for a place (the endpoint failed before they were sent). */
    final void failWaiting(Outcome outcome) {
        Pending pending;
        while ((pending = waiting.poll()) != null) {
            pending.done.accept(outcome);
        }
    }

    /** Whether a batch may be written now; may start connecting, after which {@link #drain} is called again. */
    abstract boolean writable();

    /** Writes one batch; the link later calls {@link #finish} for it exactly once. */
    abstract void write(Pending pending);

    /** Drops the connection; unanswered batches are reported as retries. */
    abstract void close();
}
