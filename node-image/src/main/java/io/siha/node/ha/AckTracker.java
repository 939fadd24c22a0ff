package io.siha.node.ha;

import io.siha.node.metrics.AckWaitMeter;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Decides when a client may be acknowledged: once its event is held somewhere that survives this node's death,
 * in the passive's queue (the passive acked its sequence number) or in a persisted snapshot. With
 * {@code waitForPassive} off, at once (the pipeline then waits until the event is applied).
 *
 * <p>Sequence numbers are issued in order, so waiters sit in a queue ordered by sequence and are released from
 * its head. How long each waited goes into a histogram: with a passive, that is the latency replication adds.
 */
final class AckTracker {

    private record Waiter(long seq, long sinceNanos, CompletableFuture<Void> future) {
    }

    private final boolean waitForPassive;
    private final AckWaitMeter waited;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long passiveAcked;
    private long persisted;
    /** Set by {@link #failAll}: the term is over, later waiters fail at once instead of waiting forever. */
    private RuntimeException failedWith;

    AckTracker(boolean waitForPassive, AckWaitMeter waited) {
        this.waitForPassive = waitForPassive;
        this.waited = waited;
    }

    /** Completes once event {@code seq} is durable; fails if this node stops being active first. */
    synchronized CompletableFuture<Void> whenDurable(long seq) {
        if (failedWith != null) {
            return CompletableFuture.failedFuture(failedWith);
        }
        if (isDurable(seq)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiters.addLast(new Waiter(seq, System.nanoTime(), future));
        return future;
    }

    /** False when an event is acknowledged as soon as it is processed, not once the pair holds it. */
    boolean waitsForPassive() {
        return waitForPassive;
    }

    void passiveAcked(long seq) {
        release(() -> passiveAcked = Math.max(passiveAcked, seq));
    }

    void persisted(long seq) {
        release(() -> persisted = Math.max(persisted, seq));
    }

    synchronized int waiting() {
        return waiters.size();
    }

    synchronized long durableSeq() {
        return Math.max(passiveAcked, persisted);
    }

    /**
     * Fails every waiter, and every later one: the node is no longer active, its clients must retry at the new
     * active.
     */
    void failAll(RuntimeException reason) {
        ArrayDeque<Waiter> failed;
        synchronized (this) {
            failedWith = reason;
            failed = new ArrayDeque<>(waiters);
            waiters.clear();
        }
        failed.forEach(w -> w.future().completeExceptionally(reason));
    }

    private void release(Runnable advance) {
        ArrayDeque<Waiter> done = new ArrayDeque<>();
        synchronized (this) {
            advance.run();
            while (!waiters.isEmpty() && isDurable(waiters.peekFirst().seq())) {
                done.add(waiters.pollFirst());
            }
        }
        // Complete outside the lock: completions run the HTTP replies.
        long now = System.nanoTime();
        for (Waiter w : done) {
            waited.record(now - w.sinceNanos());
            w.future().complete(null);
        }
    }

    private boolean isDurable(long seq) {
        return !waitForPassive || seq <= passiveAcked || seq <= persisted;
    }
}
