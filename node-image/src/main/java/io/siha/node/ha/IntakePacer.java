package io.siha.node.ha;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Slows the intake as the passive's queue nears its bound, instead of letting it run into the bound. Only a written
 * snapshot empties the queue, and with the apply thread intake goes on while one is taken, so at a rate beyond what
 * the snapshots can trim (the queue's bound over two snapshot durations) a queue taken at full speed fills during
 * the snapshot and every acknowledgement stops until it is written: 1.7 s without any, every 3 to 5 s, with a
 * million events of state. Paced from {@link #FROM_PERCENT} full, each batch waits in proportion to its events and to
 * how far the queue is past that mark, so the clients get a lower rate and no stop, and the snapshot the CPU they
 * leave.
 */
final class IntakePacer {

    static final int FROM_PERCENT = 60;
    /** The wait per event at a full queue: 20 us holds one intake thread to 50,000 events/s. */
    static final long NANOS_PER_EVENT_WHEN_FULL = 20_000;

    private final IntSupplier fillPercent;

    /** @param fillPercent how full the queue is now, 0 to 100 */
    IntakePacer(IntSupplier fillPercent) {
        this.fillPercent = fillPercent;
    }

    /** How long a batch of {@code events} waits at {@code fillPercent}. */
    static long waitNanos(int events, int fillPercent) {
        if (fillPercent <= FROM_PERCENT) {
            return 0;
        }
        int over = Math.min(fillPercent, 100) - FROM_PERCENT;
        return events * NANOS_PER_EVENT_WHEN_FULL * over / (100 - FROM_PERCENT);
    }

    /** Waits as long as a batch of {@code events} must now. */
    void pace(int events) {
        long nanos = waitNanos(events, fillPercent.getAsInt());
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }
}
