package io.siha.node.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Lets a source of the node's own hand many events over on one thread and then wait once until the pair holds them
 * all, instead of once per event: a Kafka source hands over a whole poll this way. Each event is still sequenced,
 * replicated and queued for applying in order as it is handed over; only the wait for the passive's
 * acknowledgement (or, degraded, for a snapshot: up to 50 ms) is shared by the batch, which is what makes a log-reading
 * source faster than one record per round trip.
 */
public final class BatchedHolds {

    private static final ThreadLocal<List<CompletableFuture<Void>>> OPEN = new ThreadLocal<>();

    private BatchedHolds() {
    }

    /** From now on the events handed over on this thread do not wait for the pair; {@link #close} collects them. */
    public static void open() {
        OPEN.set(new ArrayList<>());
    }

    /**
     * Stops batching on this thread. The future completes once the pair holds every event handed over since
     * {@link #open}, or fails with the first failure (the term ended before they were held).
     */
    public static CompletableFuture<Void> close() {
        List<CompletableFuture<Void>> holds = OPEN.get();
        OPEN.remove();
        return holds == null || holds.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(holds.toArray(CompletableFuture[]::new));
    }

    /** Keeps {@code held} for {@link #close} if this thread batches; false if the caller must wait itself. */
    static boolean add(CompletableFuture<Void> held) {
        List<CompletableFuture<Void>> holds = OPEN.get();
        if (holds == null) {
            return false;
        }
        holds.add(held);
        return true;
    }
}
