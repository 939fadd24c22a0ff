package io.siha.node.ha;

import io.siha.node.crash.FatalErrors;
import io.siha.node.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that feeds the active's Siddhi runtime. Events are sequenced and replicated under the intake lock
 * and then queued here in that order, so that intake and the passive's acknowledgements go on while Siddhi is busy
 * (a snapshot of a million-event window takes over a second), and a task queued with {@link #afterQueued} (a
 * snapshot, a digest, a store query) runs between two events and sees exactly the events queued before it.
 *
 * <p>The backlog is bounded for the heap's sake, but only the intake waits for room ({@link #awaitRoom}), before it
 * takes its lock: the apply thread itself may hand events in (a sink feeding an in-memory source of another app),
 * and it must never wait for itself.
 */
final class ApplyLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApplyLoop.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log);
    /**
     * Heap a queued event holds: its decoded values and its share of the batch's entry. 300, under the 333 bytes the
     * passive's decoded events of three attributes and an id measured (README, Performance): the bound aims at a tenth
     * of the heap, so that the backlog and the passive's queue (a fifth) leave the state most of it.
     */
    private static final long BYTES_PER_EVENT = 300;
    private static final int MIN_BOUND = 10_000;
    private static final int MAX_BOUND = 1_000_000;

    /**
     * The work of {@code events} events up to {@code seq} ({@code barrier} null), or a barrier task ({@code seq} 0) and
     * the future it completes.
     */
    private record Entry(long seq, int events, Runnable work, CompletableFuture<?> barrier) {
    }

    private record Waiter(long seq, CompletableFuture<Void> future) {
    }

    private final int bound;
    private final Thread thread;
    private ArrayDeque<Entry> backlog = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Events in the backlog: what the bound counts. */
    private int queuedEvents;
    private boolean idle;
    private int roomWaiters;
    private volatile boolean closed;
    private volatile long appliedSeq;

    /** Starts the thread; {@code appliedSeq} is the seq the runtime's state already covers. */
    ApplyLoop(String name, int bound, long appliedSeq) {
        if (bound < 1) {
            throw new IllegalArgumentException("the apply backlog's bound must be positive, got " + bound);
        }
        this.bound = bound;
        this.appliedSeq = appliedSeq;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The bound for this JVM's heap: a tenth of it, between 10,000 and 1,000,000 events. */
    static int boundForHeap(long maxHeapBytes) {
        return (int) Math.max(MIN_BOUND, Math.min(MAX_BOUND, maxHeapBytes / 10 / BYTES_PER_EVENT));
    }

    /**
     * Events through {@code seq} were applied outside the loop, before any was queued: a takeover's replay, on the
     * takeover's thread. A repeat of one of them is then acknowledged without waiting for an event after it.
     */
    void appliedElsewhere(long seq) {
        synchronized (this) {
            if (!backlog.isEmpty() || seq < appliedSeq) {
                throw new IllegalStateException("events up to seq " + seq + " applied outside the loop after it had"
                        + " applied " + appliedSeq + " with " + backlog.size() + " queued");
            }
            appliedSeq = seq;
        }
        releaseApplied();
    }

    boolean onApplyThread() {
        return Thread.currentThread() == thread;
    }

    /** The seq of the newest event applied (or skipped after its failure). */
    long appliedSeq() {
        return appliedSeq;
    }

    /** Events queued and not yet taken by the apply thread. */
    synchronized int backlog() {
        return queuedEvents;
    }

    /**
     * Waits while the backlog is at its bound; never on the apply thread. Returns when there is room or the loop is
     * closed (the caller's enqueue then refuses).
     */
    synchronized void awaitRoom() {
        if (onApplyThread()) {
            return;
        }
        boolean interrupted = false;
        roomWaiters++;
        try {
            while (queuedEvents >= bound && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            roomWaiters--;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues {@code work}, the events up to {@code seq}, {@code events} of them; seqs come in order. Throws once closed. */
    synchronized void enqueue(long seq, int events, Runnable work) {
        if (closed) {
            throw new IllegalStateException("the apply loop is closed");
        }
        backlog.addLast(new Entry(seq, events, work, null));
        queuedEvents += events;
        wakeIfIdle();
    }

    /**
     * Runs {@code task} on the apply thread once everything queued so far is applied, and before anything queued
     * later; not bounded. Its future fails with the task's exception, or if the loop closes first.
     */
    <T> CompletableFuture<T> afterQueued(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable barrier = () -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
                if (e instanceof Error error) {
                    throw error; // for the fatal check
                }
            }
        };
        synchronized (this) {
            if (closed) {
                result.completeExceptionally(new IllegalStateException("the apply loop is closed"));
                return result;
            }
            backlog.addLast(new Entry(0, 0, barrier, result));
            wakeIfIdle();
        }
        return result;
    }

    /** Completes once event {@code seq} is applied; fails if the loop closes first. */
    CompletableFuture<Void> whenApplied(long seq) {
        if (seq <= appliedSeq) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the apply loop is closed"));
            }
            waiters.addLast(new Waiter(seq, future));
        }
        releaseApplied(); // it may have been applied meanwhile
        return future;
    }

    /** Stops the thread after the entry it is applying (waiting at most 5 s) and fails what still waits. */
    @Override
    public void close() {
        ArrayDeque<Entry> dropped;
        ArrayDeque<Waiter> failed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            dropped = backlog;
            backlog = new ArrayDeque<>();
            queuedEvents = 0;
            failed = new ArrayDeque<>(waiters);
            waiters.clear();
            notifyAll();
        }
        if (!onApplyThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IllegalStateException reason = new IllegalStateException("the apply loop is closed");
        failed.forEach(w -> w.future().completeExceptionally(reason));
        dropped.stream().filter(e -> e.barrier() != null).forEach(e -> e.barrier().completeExceptionally(reason));
    }

    private void wakeIfIdle() {
        if (idle) {
            idle = false;
            notifyAll();
        }
    }

    private void run() {
        while (true) {
            ArrayDeque<Entry> batch;
            synchronized (this) {
                while (backlog.isEmpty() && !closed) {
                    idle = true;
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // only close() stops the loop
                    }
                }
                if (closed) {
                    return;
                }
                batch = backlog;
                backlog = new ArrayDeque<>(Math.min(batch.size() * 2, 1024));
                queuedEvents = 0;
                if (roomWaiters > 0) {
                    notifyAll();
                }
            }
            for (Entry entry : batch) {
                if (entry.barrier() != null) {
                    releaseApplied(); // the acknowledgements the events before a long snapshot earned go out first
                }
                runEntry(entry);
                if (entry.barrier() == null) {
                    appliedSeq = entry.seq();
                }
                if (closed) {
                    dropRest(batch, entry);
                    return;
                }
            }
            releaseApplied();
        }
    }

    /** After close: the barrier tasks of {@code batch} after {@code last} will not run. */
    private static void dropRest(ArrayDeque<Entry> batch, Entry last) {
        boolean after = false;
        IllegalStateException reason = new IllegalStateException("the apply loop is closed");
        for (Entry entry : batch) {
            if (after && entry.barrier() != null) {
                entry.barrier().completeExceptionally(reason);
            }
            after |= entry == last;
        }
    }

    /** Work that throws is logged and counts as applied: one failure must not stop all that follow. */
    private static void runEntry(Entry entry) {
        try {
            entry.work().run();
        } catch (RuntimeException e) {
            failures.warn("apply", "applying event seq {} failed: {}", entry.seq(), e.toString(), e);
        } catch (Throwable e) {
            FatalErrors.haltIfFatal("the apply thread, at event seq " + entry.seq(), e);
            failures.warn("apply", "applying event seq {} failed: {}", entry.seq(), e.toString(), e);
        }
    }

    private void releaseApplied() {
        ArrayDeque<Waiter> done = new ArrayDeque<>();
        long applied = appliedSeq;
        synchronized (this) {
            while (!waiters.isEmpty() && waiters.peekFirst().seq() <= applied) {
                done.add(waiters.pollFirst());
            }
        }
        done.forEach(w -> w.future().complete(null)); // outside the lock: completions run the replies
    }
}
