package io.siha.node.ha;

import java.util.concurrent.atomic.AtomicLong;

/** Counters reported on the REST port, kept across terms. */
public final class NodeCounters {

    final AtomicLong eventsIn = new AtomicLong();
    final AtomicLong failedTakeovers = new AtomicLong();
    final AtomicLong failedSnapshots = new AtomicLong();
    /** Acknowledged events found lost at a takeover (see {@link QueueHistory}). */
    final AtomicLong lostEvents = new AtomicLong();
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

    public long lostEvents() {
        return lostEvents.get();
    }

    public LatencyHistogram.Snapshot ackWait() {
        return ackWait.snapshot();
    }
}
