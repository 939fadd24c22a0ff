package io.siha.node.ha;

import java.util.concurrent.atomic.AtomicLong;

/** Counters reported on the REST port, kept across terms. */
public final class NodeCounters {

    final AtomicLong eventsIn = new AtomicLong();
    final AtomicLong failedTakeovers = new AtomicLong();
    final AtomicLong failedSnapshots = new AtomicLong();
    /** Events of a queue found to belong to an older history than the state restored (see {@link QueueHistory}). */
    final AtomicLong discardedEvents = new AtomicLong();
    /** How long acknowledgements waited for their events to be held by the passive (or a snapshot). */
    final LatencyHistogram ackWait = new LatencyHistogram();

    public long eventsIn() {
        return eventsIn.get();
    }

    public long failedTakeovers() {
        return failedTakeovers.get();
    }

    public long failedSnapshots() {
        return failedSnapshots.get();
    }

    public long discardedEvents() {
        return discardedEvents.get();
    }

    public LatencyHistogram.Snapshot ackWait() {
        return ackWait.snapshot();
    }
}
