package io.siha.node.output;

import io.siddhi.core.util.snapshot.state.State;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * One sink's outputs not yet delivered, in the order they were produced, and the id of the last one its receiver
 * took. It is Siddhi state of the sink's handler, so Siddhi's snapshot holds it, taken at the same barrier as the app's
 * state: a snapshot that covers an input also covers what that input produced, delivered or not, and trimming the
 * passive's queue never loses an output. After a takeover the restored outbox is delivered first, then what the
 * replay produces; an output with an id at or below the delivered mark is not sent again.
 */
final class SinkOutbox extends State {

    /** An output waiting for its receiver. */
    record Pending(OutputId id, long timestamp, Object[] data) {
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private OutputId delivered = OutputId.NONE;
    private long positionSeq;
    private int nextPosition;

    /** The id of the next output produced by input {@code seq}. */
    synchronized OutputId nextId(long seq) {
        if (seq != positionSeq) {
            positionSeq = seq;
            nextPosition = 0;
        }
        return new OutputId(seq, nextPosition++);
    }

    /** What became of an output handed to {@link #add}. */
    enum Admission {
        /** Waits for its receiver. */
        QUEUED,
        /** An earlier term's receiver took it already: a replay computing it again. Not sent again. */
        DELIVERED_BEFORE,
        /**
         * Its id is not after the newest waiting output's, which the node's sequence numbers rule out: it is
         * discarded undelivered, the one way an output could be dropped, so it is counted and logged.
         */
        OUT_OF_ORDER
    }

    /** Queues an output unless it was delivered before or comes out of order. */
    synchronized Admission add(OutputId id, long timestamp, Object[] data) {
        if (!id.after(delivered)) {
            return Admission.DELIVERED_BEFORE;
        }
        if (!pending.isEmpty() && !id.after(pending.peekLast().id())) {
            return Admission.OUT_OF_ORDER;
        }
        pending.addLast(new Pending(id, timestamp, data));
        notifyAll();
        return Admission.QUEUED;
    }

    /**
     * The oldest undelivered output once there is one and {@code releases} lets its input's outputs go, or null after
     * {@code waitMillis}.
     */
    synchronized Pending awaitHead(LongPredicate releases, long waitMillis) throws InterruptedException {
        if (!headReleased(releases)) {
            wait(waitMillis);
        }
        return headReleased(releases) ? pending.peekFirst() : null;
    }

    /**
     * The oldest undelivered outputs whose inputs {@code releases} lets go, at most {@code max}, in order; empty if
     * the head is not released. The outputs stay in the outbox until {@link #delivered}.
     */
    synchronized List<Pending> releasedRun(int max, LongPredicate releases) {
        List<Pending> run = new ArrayList<>(Math.min(max, pending.size()));
        for (Pending output : pending) {
            if (run.size() >= max || !releases.test(output.id().seq())) {
                break;
            }
            run.add(output);
        }
        return run;
    }

    private boolean headReleased(LongPredicate releases) {
        return !pending.isEmpty() && releases.test(pending.peekFirst().id().seq());
    }

    /** The receiver took {@code output}, the head: it leaves the outbox and becomes the delivered mark. */
    synchronized void delivered(Pending output) {
        if (pending.peekFirst() == output) {
            pending.removeFirst();
        }
        if (output.id().after(delivered)) {
            delivered = output.id();
        }
    }

    /**
     * The receiver took everything up to {@code mark} (the old active said so before it died): those outputs leave
     * the outbox, and a replay computing them again does not queue them.
     */
    synchronized void advanceDelivered(OutputId mark) {
        if (mark.after(delivered)) {
            delivered = mark;
        }
        while (!pending.isEmpty() && !pending.peekFirst().id().after(delivered)) {
            pending.removeFirst();
        }
    }

    synchronized int size() {
        return pending.size();
    }

    synchronized OutputId deliveredMark() {
        return delivered;
    }

    @Override
    public boolean canDestroy() {
        return false;
    }

    @Override
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> state = new HashMap<>();
        if (DigestScope.active()) {
            state.put("position", new long[] {positionSeq, nextPosition});
            return state;
        }
        state.put("delivered", new long[] {delivered.seq(), delivered.position()});
        state.put("position", new long[] {positionSeq, nextPosition});
        List<Object[]> outputs = new ArrayList<>(pending.size());
        for (Pending output : pending) {
            outputs.add(new Object[] {output.id().seq(), output.id().position(), output.timestamp(), output.data()});
        }
        state.put("pending", outputs);
        return state;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Map<String, Object> state) {
        long[] mark = (long[]) state.get("delivered");
        delivered = new OutputId(mark[0], (int) mark[1]);
        long[] position = (long[]) state.get("position");
        positionSeq = position[0];
        nextPosition = (int) position[1];
        pending.clear();
        for (Object[] output : (List<Object[]>) state.get("pending")) {
            pending.addLast(new Pending(new OutputId((Long) output[0], (Integer) output[1]), (Long) output[2],
                    (Object[]) output[3]));
        }
        notifyAll();
    }
}
