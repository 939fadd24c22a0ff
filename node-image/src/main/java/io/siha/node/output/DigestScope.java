package io.siha.node.output;

import java.util.function.Supplier;

/**
 * Marks a snapshot taken for a state digest rather than to persist: the sinks' outboxes then give only their output
 * numbering, not the outputs they hold. Those differ between the nodes by design (the active's receivers took some, a
 * hot standby holds them until the active's delivered marks say so); everything else of the state must agree.
 */
public final class DigestScope {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private DigestScope() {
    }

    /** Runs {@code snapshot} on this thread with the held outputs left out. */
    public static <T> T leavingOutputsOut(Supplier<T> snapshot) {
        ACTIVE.set(true);
        try {
            return snapshot.get();
        } finally {
            ACTIVE.set(false);
        }
    }

    static boolean active() {
        return ACTIVE.get();
    }
}
