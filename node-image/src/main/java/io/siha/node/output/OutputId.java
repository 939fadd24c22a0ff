package io.siha.node.output;

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

    @Override
    public String toString() {
        return seq + "-" + position;
    }
}
