package io.siha.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Events of one stream sent together, with everyone waiting for them: one future per {@code send} or one for a
 * {@code sendBatch}. The same batch, ids and all, is what every retry sends. Filled under its stream's lock, then
 * handed to the I/O thread, which alone reads and completes it.
 */
final class Batch {

    final String app;
    final String stream;
    final List<ClientEvent> events;
    private final List<CompletableFuture<Void>> waiters;
    /** Completes (normally or not) when the batch is done, for flush and close. */
    final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Encoded size of the events in an EVENTS frame. */
    int eventBytes;

    /** Set by the delivery: when to give up, and why the last attempt failed. */
    long deadlineNanos;
    int attempts;
    String lastProblem = "no attempt yet";

    Batch(String app, String stream, int expectedEvents) {
        this.app = app;
        this.stream = stream;
        this.events = new ArrayList<>(expectedEvents);
        this.waiters = new ArrayList<>(expectedEvents);
    }

    void add(ClientEvent event, int bytes) {
        events.add(event);
        eventBytes += bytes;
    }

    /** Whether one more event of {@code bytes} keeps this batch within both limits. */
    boolean fits(int bytes, int maxEvents, int maxBytes) {
        return events.size() < maxEvents && eventBytes + bytes <= maxBytes;
    }

    void addWaiter(CompletableFuture<Void> waiter) {
        waiters.add(waiter);
    }

    int size() {
        return events.size();
    }

    void succeed() {
        for (CompletableFuture<Void> waiter : waiters) {
            waiter.complete(null);
        }
        done.complete(null);
    }

    void fail(RuntimeException failure) {
        for (CompletableFuture<Void> waiter : waiters) {
            waiter.completeExceptionally(failure);
        }
        done.completeExceptionally(failure);
    }
}
