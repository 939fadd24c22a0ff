package io.siha.node.output;

import java.util.Optional;

/**
 * The id of the output a sink is being handed on this thread, for sinks that send it on (the node's HTTP sink as the
 * {@code Idempotency-Key} header). Set by the outbox's delivery around each hand-over.
 */
public final class OutputIds {

    private static final ThreadLocal<OutputId> CURRENT = new ThreadLocal<>();

    private OutputIds() {
    }

    public static Optional<OutputId> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void set(OutputId id) {
        CURRENT.set(id);
    }

    static void clear() {
        CURRENT.remove();
    }
}
