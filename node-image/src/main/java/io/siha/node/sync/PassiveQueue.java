package io.siha.node.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The passive's copy of the events the active's last snapshot does not cover yet, for replay on takeover.
 *
 * <p>It holds exactly the events {@code persistedSeq + 1 .. lastSeq}, contiguous and in order: an event is only
 * appended right after the last one, and a control message trims everything its snapshot covers. It is bounded
 * and never drops: when it is full the server refuses more, and the active, whose acknowledgements then stall,
 * persists sooner (see {@link SyncClient} for how it stays inside the capacity).
 *
 * <p>Only a durable snapshot removes an event: nothing else empties the queue, not a role change, a restart of
 * the sync server or an abandoned takeover. The queue belongs to one history, that of the epoch whose events it
 * holds ({@link #historyEpoch}). An active of a newer epoch is admitted on an empty queue as on a new one; on a
 * queue that still holds events it must first show, with its snapshot's CONTROL, that its state covers them
 * all. Until then its events are refused, so a new active that lacks them cannot make the passive drop them or
 * count its own, different events with the same numbers as held.
 *
 * <p>A hot standby ({@code HotStandby}) applies the events as they arrive; while it {@linkplain #holdForStandby
 * holds} the queue, a covered event stays until the standby has applied it too, so a snapshot cannot trim what the
 * standby still needs. Covered events count neither against the capacity nor as held: a standby that falls behind
 * by more than the capacity loses its oldest unapplied ones and resynchronises from a snapshot instead of stalling the
 * active. Every change of history moves {@link #generation}, so the standby knows its state belongs to another.
 */
public final class PassiveQueue {

    /** What {@link #offer} did with an event. */
    enum Offer { APPENDED, DUPLICATE, GAP, FULL, UNCOVERED }

    /** Where the queue stands, read at one instant. */
    record Position(long lastSeq, long persistedSeq, int fillPercent) {
    }

    private final int capacity;
    private final long maxBytes;
    /** Kept encoded, as they arrived: decoded only for a takeover's replay. */
    private final EncodedEvents events = new EncodedEvents();
    private long lastSeq;
    private long persistedSeq;
    private long historyEpoch;
    /** While above 0: the admitted active has not yet shown that its state covers the events through this seq. */
    private long uncoveredThrough;
    /** The epoch admitted onto older events; it becomes the history once its CONTROL covers them. */
    private long pendingEpoch;
    /** The history's delivered marks, by sink: what a takeover need not send again. */
    private final Map<String, DeliveredMark> delivered = new LinkedHashMap<>();
    /** While a standby holds the queue: the last event it applied (0 before it applied any). */
    private boolean standbyHolds;
    private long standbyApplied;
    /** The active's newest state digest of this history, for the standby to compare; null: none yet. */
    private StateDigest digest;
    /** Moves whenever the queue starts another history, or drops events a standby had not applied. */
    private long generation;

    /** The events a standby applies next, in order from the one after its last, or a gap it cannot bridge. */
    public record StandbyBatch(long generation, List<SyncEvent> events, boolean gap) {
    }

    /** A queue bounded by its events alone. */
    public PassiveQueue(int capacity) {
        this(capacity, Long.MAX_VALUE);
    }

    /**
     * A queue of at most {@code capacity} events no snapshot covers and at most {@code maxBytes} of heap in all: the
     * count bounds what a cold takeover replays, the bytes what the queue costs whatever its events' size.
     */
    public PassiveQueue(int capacity, long maxBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    public int capacity() {
        return capacity;
    }

    /** Events no snapshot covers yet: what a takeover would replay, and what the capacity bounds. */
    public synchronized int size() {
        return (int) (lastSeq - persistedSeq);
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

    /** The epoch of the term whose events the queue holds: the one a takeover from it continues. 0: none yet. */
    public synchronized long historyEpoch() {
        return historyEpoch;
    }

    /**
     * This node's own takeover of {@code epoch} replayed the queue and then failed before a snapshot made the events
     * durable: the queue now holds everything that term had, and stays the history to continue from.
     */
    public synchronized void heldBy(long epoch) {
        historyEpoch = Math.max(historyEpoch, epoch);
    }

    /**
     * The highest sequence number this queue holds that no durable snapshot is known to cover, or 0 when it holds
     * none: what the node advertises so that a peer lacking those events does not take over in its place.
     */
    public synchronized long uncoveredEventsThrough() {
        return lastSeq > persistedSeq ? lastSeq : 0;
    }

    /**
     * A takeover's snapshot made every event through {@code seq} durable: they leave the queue, whatever session
     * or epoch brought them.
     */
    public synchronized void coveredThrough(long seq) {
        persistedSeq = Math.max(persistedSeq, seq);
        lastSeq = Math.max(lastSeq, seq);
        dropWhatNoOneNeeds();
    }

    private void dropWhatNoOneNeeds() {
        events.dropThrough(standbyHolds ? Math.min(persistedSeq, standbyApplied) : persistedSeq);
    }

    /**
     * Drops every event and position: only for events found to belong to a history that the latest snapshot did not
     * continue (a takeover's check, which logs and counts them), so that no replay mixes two histories.
     */
    public synchronized void dropDivergedHistory() {
        events.clear();
        generation++;
        digest = null;
        delivered.clear();
        lastSeq = 0;
        persistedSeq = 0;
        uncoveredThrough = 0;
    }

    /**
     * Admits an active of {@code epoch} and returns the position to announce to it. A newer epoch on an empty queue
     * starts from nothing, as a new queue; on a queue still holding events it starts from nothing too, but its
     * events are refused until its CONTROL covers what the queue holds ({@link #persisted}).
     */
    synchronized Position admit(long epoch) {
        if (epoch > historyEpoch) {
            generation++;
            if (lastSeq == persistedSeq) {
                events.clear(); // a standby's covered events belong to the history that ends here
                standbyApplied = 0;
                digest = null;
                historyEpoch = epoch;
                uncoveredThrough = 0;
                lastSeq = 0;
                persistedSeq = 0;
                delivered.clear();
            } else {
                uncoveredThrough = lastSeq;
                pendingEpoch = epoch;
            }
        }
        return uncoveredThrough > 0 ? new Position(0, 0, 0) : position();
    }

    /** Offers event {@code seq} in {@link EventCodec}'s form, checked by the frame decoder. */
    synchronized Offer offer(long seq, byte[] encoded) {
        if (uncoveredThrough > 0) {
            return Offer.UNCOVERED;
        }
        if (seq <= lastSeq) {
            return Offer.DUPLICATE; // a resend after a reconnect: the queue has it already
        }
        if (seq != lastSeq + 1) {
            return Offer.GAP;
        }
        if (events.size() >= 2 * capacity || events.heapBytes() >= maxBytes) {
            // A standby this far behind resynchronises rather than hold more (nothing to drop without one).
            dropCoveredUnapplied();
        }
        if (lastSeq - persistedSeq >= capacity || events.heapBytes() >= maxBytes) {
            return Offer.FULL;
        }
        events.append(seq, encoded);
        lastSeq = seq;
        notifyAll();
        return Offer.APPENDED;
    }

    /**
     * The active's snapshot covers everything up to {@code seq}: those events are no longer needed for a takeover.
     * False, and nothing changed, when an active admitted onto older events does not cover them all.
     */
    synchronized boolean persisted(long seq) {
        if (uncoveredThrough > 0) {
            if (seq < uncoveredThrough) {
                return false;
            }
            uncoveredThrough = 0;
            historyEpoch = Math.max(historyEpoch, pendingEpoch);
        }
        coveredThrough(seq);
        return true;
    }

    /**
     * The active reports what its sinks' receivers took; false, and nothing kept, while it has not yet covered the
     * events of an earlier term this queue holds (its marks belong to a history not yet accepted).
     */
    synchronized boolean delivered(List<DeliveredMark> marks) {
        if (uncoveredThrough > 0) {
            return false;
        }
        marks.forEach(mark -> delivered.put(mark.sink(), mark));
        return true;
    }

    /**
     * The active's state digest at a seq, for a hot standby to compare; false, and nothing kept, while the active has
     * not yet covered the events of an earlier term this queue holds.
     */
    synchronized boolean digest(StateDigest newest) {
        if (uncoveredThrough > 0) {
            return false;
        }
        digest = newest;
        notifyAll();
        return true;
    }

    /** The active's newest digest of this history, or null. */
    public synchronized StateDigest newestDigest() {
        return digest;
    }

    /** The delivered marks of this queue's history, for a takeover. */
    public synchronized List<DeliveredMark> deliveredMarks() {
        return List.copyOf(delivered.values());
    }

    /** The events the current active must cover before this queue takes its events; empty when none. */
    synchronized String uncoveredDescription() {
        return uncoveredThrough == 0 ? "" : "seq " + (persistedSeq + 1) + ".." + uncoveredThrough;
    }

    synchronized Position position() {
        long byCount = (lastSeq - persistedSeq) * 100L / capacity;
        long byBytes = maxBytes == Long.MAX_VALUE ? 0 : events.heapBytes() * 100L / maxBytes;
        return new Position(lastSeq, persistedSeq, (int) Math.min(100, Math.max(byCount, byBytes)));
    }

    private void dropCoveredUnapplied() {
        if (!events.isEmpty() && events.firstSeq() <= persistedSeq) {
            events.dropThrough(persistedSeq);
            generation++;
        }
    }

    /** From now on covered events stay until a standby has applied them ({@link #standbyApplied}). */
    public synchronized void holdForStandby() {
        standbyHolds = true;
        standbyApplied = 0;
    }

    /** The standby's state includes every event through {@code seq}: covered ones up to it may go. */
    public synchronized void standbyApplied(long seq) {
        standbyApplied = Math.max(standbyApplied, seq);
        dropWhatNoOneNeeds();
    }

    /** No standby holds the queue any more. */
    public synchronized void releaseStandby() {
        standbyHolds = false;
        dropWhatNoOneNeeds();
    }

    /** Wakes a standby waiting in {@link #standbyBatch}, to stop. */
    public synchronized void wakeStandby() {
        notifyAll();
    }

    /** The generation of the queue's history; see the class comment. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Up to {@code max} events after {@code afterSeq}, waiting up to {@code waitMillis} for the first: a gap when the
     * queue no longer holds the event right after {@code afterSeq} (a standby must then resynchronise).
     */
    public synchronized StandbyBatch standbyBatch(long afterSeq, int max, long waitMillis) throws InterruptedException {
        if (lastSeq <= afterSeq && waitMillis > 0) {
            wait(waitMillis);
        }
        if (lastSeq <= afterSeq) {
            return new StandbyBatch(generation, List.of(), false);
        }
        if (events.isEmpty() || events.firstSeq() > afterSeq + 1 || events.lastSeq() < afterSeq + 1) {
            return new StandbyBatch(generation, List.of(), true);
        }
        // Up to the newest digest's seq at most: the standby compares its state there before it applies more.
        int upToDigest = digest != null && digest.seq() > afterSeq ? (int) Math.min(max, digest.seq() - afterSeq)
                : max;
        return new StandbyBatch(generation, events.decodedRange(afterSeq + 1, upToDigest), false);
    }
}
