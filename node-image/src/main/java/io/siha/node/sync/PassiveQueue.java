package io.siha.node.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
    private final ArrayDeque<SyncEvent> events = new ArrayDeque<>();
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
        List<SyncEvent> after = new ArrayList<>();
        for (SyncEvent event : events) {
            if (event.seq() > seq) {
                after.add(event);
            }
        }
        return after;
    }

    /** Forgets everything, positions included: the queue of a node that starts over as passive. */
    public synchronized void clear() {
        events.clear();
        lastSeq = 0;
        persistedSeq = 0;
    }

    synchronized Offer offer(SyncEvent event) {
        if (event.seq() <= lastSeq) {
            return Offer.DUPLICATE; // a resend after a reconnect: the queue has it already
        }
        if (event.seq() != lastSeq + 1) {
            return Offer.GAP;
        }
        if (events.size() >= capacity) {
            return Offer.FULL;
        }
        events.addLast(event);
        lastSeq = event.seq();
        return Offer.APPENDED;
    }

    /** A snapshot covers everything up to {@code seq}: those events are no longer needed for a takeover. */
    synchronized void persisted(long seq) {
        while (!events.isEmpty() && events.peekFirst().seq() <= seq) {
            events.removeFirst();
        }
        persistedSeq = Math.max(persistedSeq, seq);
        lastSeq = Math.max(lastSeq, seq);
    }

    synchronized Position position() {
        return new Position(lastSeq, persistedSeq, (int) (events.size() * 100L / capacity));
    }
}
