package io.siha.node.testing;

import io.siha.node.engine.StreamInput;
import io.siha.node.output.OutputOrigin;

/** Feeds an event as the active's pipeline does, so that its outputs get ids from its sequence number. */
public final class SequencedInput {

    private SequencedInput() {
    }

    /** Sends {@code values} to {@code input} as the event of sequence number {@code seq} (also its timestamp). */
    public static void send(StreamInput input, long seq, Object... values) {
        OutputOrigin.enter(seq);
        try {
            input.send(seq, values);
        } finally {
            OutputOrigin.leave();
        }
    }
}
