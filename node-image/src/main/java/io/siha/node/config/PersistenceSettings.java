package io.siha.node.config;

import java.time.Duration;

/** How often the active snapshots its state, and how many snapshots the persistence database keeps. */
public record PersistenceSettings(DatabaseSettings db, long intervalMs, int revisionsToKeep) {

    public Duration interval() {
        return Duration.ofMillis(intervalMs);
    }
}
