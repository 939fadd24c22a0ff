package io.siha.node.sync;

/**
 * What the active learns from its sync connection. Called on the client's I/O thread: return quickly and never
 * block, or replication stalls.
 */
public interface SyncListener {

    /** The passive holds every event up to {@code seq} (or a snapshot covers it). Increases monotonically. */
    void acked(long seq);

    /** The connection to the passive completed its handshake ({@code true}) or was lost ({@code false}). */
    void connectionChanged(boolean connected);
}
