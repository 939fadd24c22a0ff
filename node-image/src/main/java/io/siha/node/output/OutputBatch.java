package io.siha.node.output;

import java.util.Optional;

/**
 * The outputs the outbox's delivery thread hands one sink in one go, for sinks that send without waiting (Kafka's
 * producer): such a sink sends each output it is handed and {@linkplain #defer defers} waiting to the batch's end; the
 * outbox then {@linkplain #complete() completes} the batch (the sink waits for every send, or commits its transaction)
 * and only then counts its outputs delivered. If a send or the completion fails, the batch is
 * {@linkplain #abandon() abandoned} (a transactional sink aborts) and the outbox hands the same outputs over again after
 * its backoff, from the first. A sink that does not defer is handed one output at a time, each delivered once it
 * returned, as before batches existed.
 */
public final class OutputBatch {

    /** What a sink does at the end of a batch it deferred. */
    public interface Completion {
        /** Waits until every output sent in the batch is with the receiver; throws if one is not. */
        void complete() throws Exception;

        /** The batch will be handed over again: what was sent of it must not count (a transaction aborts). */
        void abandon();
    }

    private static final ThreadLocal<OutputBatch> CURRENT = new ThreadLocal<>();

    private Completion completion;

    private OutputBatch() {
    }

    /** The batch being handed over on this thread, if any (sinks outside a node have none: they wait each time). */
    public static Optional<OutputBatch> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The sink sent the output it is being handed and waits for it with {@code waiter} at the batch's end. */
    public void defer(Completion waiter) {
        if (completion != null && completion != waiter) {
            throw new IllegalStateException("a batch goes to one sink");
        }
        completion = waiter;
    }

    static OutputBatch start() {
        OutputBatch batch = new OutputBatch();
        CURRENT.set(batch);
        return batch;
    }

    boolean deferred() {
        return completion != null;
    }

    void complete() throws Exception {
        if (completion != null) {
            completion.complete();
        }
    }

    void abandon() {
        if (completion != null) {
            completion.abandon();
        }
    }

    static void end() {
        CURRENT.remove();
    }
}
