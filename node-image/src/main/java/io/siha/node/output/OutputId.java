package io.siha.node.output;

import java.util.Optional;

/**
 * The id of one output event: the sequence number of the input event whose processing produced it, and its position
 * among that input's outputs to the same sink (from 0). A takeover's replay processes the same inputs in the same
 * order, so it computes the same outputs under the same ids: what a receiver de-duplicates on, and how the outbox
 * tells an output delivered by an earlier term from a new one. Written {@code seq-position}, e.g. {@code 1042-0}.
 */
public record OutputId(long seq, int position) implements Comparable<OutputId> {

    /** Before every output: nothing delivered yet. */
    public static final OutputId NONE = new OutputId(0, -1);

    @Override
    public int compareTo(OutputId other) {
        int bySeq = Long.compare(seq, other.seq);
        return bySeq != 0 ? bySeq : Integer.compare(position, other.position);
    }

    public boolean after(OutputId other) {
        return compareTo(other) > 0;
    }

    /** The id written {@code seq-position} (as {@link #toString()}), or empty if {@code text} is not one. */
    public static Optional<OutputId> parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OutputId(Long.parseLong(text.substring(0, dash)),
                    Integer.parseInt(text.substring(dash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return seq + "-" + position;
    }
}
