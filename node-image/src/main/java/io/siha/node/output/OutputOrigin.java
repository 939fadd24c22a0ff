package io.siha.node.output;

/**
 * Which input event the current thread is processing: the active's pipeline sets it around each event it hands to
 * Siddhi (new or replayed), and the sinks' handler reads it for the outputs that processing produces synchronously.
 * Outputs produced on a timer thread (a wall-clock window's expiry) have no origin: they take the last one seen.
 */
public final class OutputOrigin {

    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[1]);
    private static volatile long lastSeen;

    private OutputOrigin() {
    }

    /** The current thread now processes input {@code seq}. */
    public static void enter(long seq) {
        CURRENT.get()[0] = seq;
        lastSeen = seq;
    }

    /** The current thread is done with it. */
    public static void leave() {
        CURRENT.get()[0] = 0;
    }

    /** The input being processed on this thread, or the last one processed anywhere if none (0: none yet). */
    public static long current() {
        long seq = CURRENT.get()[0];
        return seq != 0 ? seq : lastSeen;
    }
}
