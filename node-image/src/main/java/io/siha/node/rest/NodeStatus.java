package io.siha.node.rest;

import io.siha.node.metrics.LatencyDistribution;

/**
 * What a node says about itself on {@code /v1/status}, {@code /readyz} and {@code /metrics}.
 *
 * @param nodeId           this node
 * @param role             "active" or "passive"
 * @param epoch            the epoch of its current (active) or last seen (passive) term; 0 if none
 * @param ready            active with its ingest port open
 * @param degraded         active without a passive in sync: acknowledgements wait for snapshots
 * @param lastSeq          the newest event sequence number processed (active) or queued (passive)
 * @param queueDepth       events in the passive's queue
 * @param queueCapacity    the queue's bound
 * @param lastRevision     the newest snapshot revision written by this node's term (active) or announced to it
 * @param lastPersistedSeq the sequence number that snapshot covers
 * @param peerConnected    the sync connection to the peer is up
 * @param eventsIn         events accepted by this node since it started
 * @param failedTakeovers  takeover attempts that were abandoned
 * @param ackWait          how long acknowledgements waited for the passive (or a snapshot), since the node started
 * @param snapshotAgeMs    how long ago the active wrote its last snapshot (-1 on a passive, which writes none): it
 *                         grows past the persistence interval only while snapshots fail
 * @param failedSnapshots  snapshot writes that failed, since the node started (each is retried)
 * @param lostEvents       acknowledged events this node found lost at a takeover: a queue of a history the
 *                         restored state did not continue, or events a peer advertised and took with it when it
 *                         died (nonzero only after both nodes failed in turn; the log says which)
 * @param memory           the heap and the guard that refuses new events before the state outgrows it
 * @param outputsPending   outputs of the apps' sinks waiting for their receivers (0 on a passive)
 * @param applyBacklog     events the active took (acknowledged, perhaps) and Siddhi has not processed yet: it grows
 *                         while a snapshot of a large state is taken (0 on a passive)
 * @param state            what this node's last takeover found of the persisted state: a snapshot it refused
 *                         because the changed apps no longer fit it, or the apps it started empty
 * @param standby          how this node stands by as the passive
 */
public record NodeStatus(String nodeId, String role, long epoch, boolean ready, boolean degraded, long lastSeq,
                         int queueDepth, int queueCapacity, long lastRevision, long lastPersistedSeq,
                         boolean peerConnected, long eventsIn, long failedTakeovers,
                         LatencyDistribution ackWait, long snapshotAgeMs, long failedSnapshots,
                         long lostEvents, Memory memory, long outputsPending, long applyBacklog, PersistedState state,
                         Standby standby) {

    /**
     * @param liveAfterGcBytes heap in use after the last garbage collection
     * @param maxHeapBytes     the heap's maximum
     * @param refusing         why new events are refused now, or null while they are taken
     * @param refusedEvents    events refused so, since the node started
     */
    public record Memory(long liveAfterGcBytes, long maxHeapBytes, String refusing, long refusedEvents) {
    }

    /**
     * @param mode       "hot" when a hot standby runs (or would, while this node is active), else "cold"
     * @param appliedSeq the last event the hot standby's state includes; -1 when none runs
     * @param resyncs    how often this node's hot standbys restored a snapshot, the first times included
     * @param digestsMatched how often a hot standby's state matched the active's digest at the same seq
     * @param divergences    how often it did not (each time it resynchronised); must stay 0
     * @param coldReason why the node runs cold although hot was asked for, or null
     */
    public record Standby(String mode, long appliedSeq, long resyncs, long digestsMatched, long divergences,
                          String coldReason) {

        public static final Standby COLD = new Standby("cold", -1, 0, 0, 0, null);
    }

    /**
     * @param refused   why the last takeover refused the latest snapshot (the changed apps no longer fit it), or null
     * @param discarded which apps the last takeover started empty for that reason, or null
     */
    public record PersistedState(String refused, String discarded) {

        public static final PersistedState NONE = new PersistedState(null, null);
    }
}
