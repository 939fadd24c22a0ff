package io.siha.node.source;

import java.util.Optional;

/**
 * The last refusal of a source event on this thread. Siddhi catches what a source handler throws and only logs it, so a
 * source that must answer its transport (an HTTP reply) cannot see it; a source of the node's own hands its events
 * over on its own thread, then asks here whether the pair took them, and answers accordingly.
 */
public final class SourceRefusals {

    private static final ThreadLocal<SourceEventRefusedException> LAST = new ThreadLocal<>();

    private SourceRefusals() {
    }

    /** Forgets any earlier refusal on this thread: call before handing events to Siddhi. */
    public static void clear() {
        LAST.remove();
    }

    /** The refusal of the events handed over on this thread since {@link #clear}, if any; forgets it. */
    public static Optional<SourceEventRefusedException> take() {
        SourceEventRefusedException refusal = LAST.get();
        LAST.remove();
        return Optional.ofNullable(refusal);
    }

    static SourceEventRefusedException record(SourceEventRefusedException refusal) {
        LAST.set(refusal);
        return refusal;
    }
}
