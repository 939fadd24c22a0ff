package io.siha.node.config;

import io.siha.api.v1alpha1.IncompatibleStatePolicy;

import java.time.Duration;

/**
 * How often the active snapshots its state, how many snapshots the persistence database keeps, and what a takeover
 * does with a snapshot that no longer fits the apps (the spec's policy, read from SIHA_ON_INCOMPATIBLE_STATE).
 */
public record PersistenceSettings(DatabaseSettings db, long intervalMs, int revisionsToKeep,
                                  IncompatibleStatePolicy onIncompatibleState) {

    public Duration interval() {
        return Duration.ofMillis(intervalMs);
    }
}
