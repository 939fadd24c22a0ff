package io.siha.client;

import io.netty.channel.EventLoop;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes each batch to an endpoint that acknowledges it. Every batch goes to the current endpoint; when an attempt
 * fails for a reason another node may not have (connection failure, NOT_ACTIVE or 503, no answer in time), the
 * current endpoint moves to the next one in the list and the same batch, with the same event ids, is sent there after
 * a short backoff, round and round until the retry time is up. With ids the node counts a retried event once, so a
 * failover loses nothing and counts nothing twice. A refusal that no node would answer differently fails the batch at
 * once. Runs on the client's I/O thread only.
 */
final class Delivery {

    /** Long enough not to spin while a takeover runs, short against the ~1 s it takes. */
    static final long BACKOFF_MS = 25;

    private final EventLoop loop;
    private final List<Link> links;
    private final long retryNanos;
    private final DeliveryListener listener;
    /** The endpoint new attempts go to: the last one known or hoped to be active. */
    private int current;

    Delivery(EventLoop loop, List<Link> links, long retryNanos, DeliveryListener listener) {
        this.loop = loop;
        this.links = List.copyOf(links);
        this.retryNanos = retryNanos;
        this.listener = listener;
    }

    void start(Batch batch) {
        batch.deadlineNanos = System.nanoTime() + retryNanos;
        attempt(batch);
    }

    private void attempt(Batch batch) {
        if (batch.done.isDone()) {
            return; // given up (the client was closed) while waiting for its retry
        }
        int at = current;
        batch.attempts++;
        links.get(at).send(batch, outcome -> finished(batch, at, outcome));
    }

    private void finished(Batch batch, int at, Outcome outcome) {
        String endpoint = links.get(at).endpoint.toString();
        switch (outcome.kind()) {
            case ACKED -> {
                listener.acknowledged(endpoint, batch.size());
                batch.succeed();
            }
            case REFUSED -> batch.fail(new RefusedException(outcome.code(), batch.app, batch.stream, batch.size(),
                    outcome.message()));
            case RETRY -> retry(batch, at, endpoint, outcome.message());
        }
    }

    private void retry(Batch batch, int at, String endpoint, String problem) {
        batch.lastProblem = endpoint + ": " + problem;
        listener.retrying(endpoint, problem);
        if (current == at) { // the first of the batches failing here moves everyone on; the rest follow it
            current = (at + 1) % links.size();
        }
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BACKOFF_MS) - batch.deadlineNanos >= 0) {
            batch.fail(new NotAcknowledgedException(notAcknowledged(batch, "within the retry time of "
                    + TimeUnit.NANOSECONDS.toMillis(retryNanos) + " ms")));
            return;
        }
        loop.schedule(() -> attempt(batch), BACKOFF_MS, TimeUnit.MILLISECONDS);
    }

    /** Fails {@code batch} because the client closes before it was acknowledged. */
    static void abandon(Batch batch) {
        batch.fail(new NotAcknowledgedException(notAcknowledged(batch, "before the client was closed")));
    }

    private static String notAcknowledged(Batch batch, String when) {
        return "no node acknowledged " + batch.size() + " event(s) of " + batch.app + "/" + batch.stream + " " + when
                + " (" + batch.attempts + " attempts); last problem: " + batch.lastProblem
                + "; send them again with the same ids and they count once";
    }

    void closeLinks() {
        links.forEach(Link::close);
    }
}
