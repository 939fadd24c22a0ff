package io.siha.node.config;

import java.time.Duration;

/**
 * How often the active snapshots its state, how many snapshots the persistence database keeps, and what a takeover
 * does with a snapshot that no longer fits the apps.
 */
public record PersistenceSettings(DatabaseSettings db, long intervalMs, int revisionsToKeep,
                                  IncompatibleStatePolicy onIncompatibleState) {

    /** What a takeover does with a snapshot laid out for apps that have changed since ({@code AppShape}). */
    public enum IncompatibleStatePolicy {
        /** Refuse the takeover and report which app and element changed: nothing is discarded unasked. */
        FAIL,
        /** Start the apps the snapshot does not fit empty, restore the others, and report what was discarded. */
        START_FRESH
    }

    public Duration interval() {
        return Duration.ofMillis(intervalMs);
    }
}
