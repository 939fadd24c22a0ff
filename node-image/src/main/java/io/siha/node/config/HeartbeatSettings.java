package io.siha.node.config;

import java.time.Duration;

/**
 * Heartbeat timing of the election. The lease lasts {@code interval x (maxRetries + 1)}: the active may miss
 * {@code maxRetries} renewals before anyone else may take over.
 */
public record HeartbeatSettings(long intervalMs, int maxRetries) {

    public Duration interval() {
        return Duration.ofMillis(intervalMs);
    }

    public Duration lease() {
        return Duration.ofMillis(intervalMs * (maxRetries + 1L));
    }

    /**
     * How long before the lease's end the active fences itself if it has not renewed. Half a heartbeat covers
     * the time to close ports and a drift between this node's monotonic clock and the database's clock.
     */
    public Duration fenceMargin() {
        return Duration.ofMillis(intervalMs / 2);
    }

    /**
     * How long a peer's advertised events (acknowledged, in its queue, no snapshot covering them) keep a node from
     * taking over without them after the peer was last heard from: a peer cut off from the database, or stalled,
     * comes back within it and takes over with them. Only a peer that died holding them (both nodes lost, one after
     * the other) makes the pair wait this long, and that wait ends with a logged loss. Ten leases, at least 30 s.
     */
    public Duration peerEventsHorizon() {
        Duration tenLeases = lease().multipliedBy(10);
        return tenLeases.compareTo(Duration.ofSeconds(30)) > 0 ? tenLeases : Duration.ofSeconds(30);
    }
}
