package io.siha.node.rest;

import io.siha.node.ha.LatencyHistogram;

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
 */
public record NodeStatus(String nodeId, String role, long epoch, boolean ready, boolean degraded, long lastSeq,
                         int queueDepth, int queueCapacity, long lastRevision, long lastPersistedSeq,
                         boolean peerConnected, long eventsIn, long failedTakeovers,
                         LatencyHistogram.Snapshot ackWait) {
}
