package io.siha.node.sync;

import java.util.List;

/**
 * The passive's copy of the events the active's last snapshot does not cover yet, for replay on takeover.
 *
 * <p>It holds exactly the events {@code persistedSeq + 1 .. lastSeq}, contiguous and in order: an event is only
 * appended right after the last one, and a control message trims everything its snapshot covers. It is bounded
 * and never drops: when it is full the server refuses more, and the active, whose acknowledgements then stall,
 * persists sooner (see {@link SyncClient} for how it stays inside the capacity).
 */
public final class PassiveQueue {

    /** What {@link #offer} did with an event. */
    enum Offer { APPENDED, DUPLICATE, GAP, FULL }

    /** Where the queue stands, read at one instant. */
    record Position(long lastSeq, long persistedSeq, int fillPercent) {
    }

    private final int capacity;
    /** Kept encoded, as they arrived: decoded only for a takeover's replay. */
    private final EncodedEvents events = new EncodedEvents();
    private long lastSeq;
    private long persistedSeq;

    public PassiveQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int size() {
        return events.size();
    }

    /** The highest sequence number the queue holds or a control message covered; 0 when it has seen nothing. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The last sequence number covered by a control message (the active's last snapshot); 0 before any. */
    public synchronized long persistedSeq() {
        return persistedSeq;
    }

    /** The events after {@code seq}, in sequence order: what a takeover replays after restoring its snapshot. */
    public synchronized List<SyncEvent> eventsAfter(long seq) {
        return events.decodedAfter(seq);
    }

    /** Forgets everything, positions included: the queue of a node that starts over as passive. */
    public synchronized void clear() {
        events.clear();
        lastSeq = 0;
        persistedSeq = 0;
    }

    /** Offers event {@code seq} in {@link EventCodec}'s form, checked by the frame decoder. */
    synchronized Offer offer(long seq, byte[] encoded) {
        if (seq <= lastSeq) {
            return Offer.DUPLICATE; // a resend after a reconnect: the queue has it already
        }
        if (seq != lastSeq + 1) {
            return Offer.GAP;
        }
        if (events.size() >= capacity) {
            return Offer.FULL;
        }
        events.append(seq, encoded);
        lastSeq = seq;
        return Offer.APPENDED;
    }

    /** A snapshot covers everything up to {@code seq}: those events are no longer needed for a takeover. */
    synchronized void persisted(long seq) {
        events.dropThrough(seq);
        persistedSeq = Math.max(persistedSeq, seq);
        lastSeq = Math.max(lastSeq, seq);
    }

    synchronized Position position() {
        return new Position(lastSeq, persistedSeq, (int) (events.size() * 100L / capacity));
    }
}
