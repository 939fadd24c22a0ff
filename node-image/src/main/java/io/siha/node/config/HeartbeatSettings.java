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
}
