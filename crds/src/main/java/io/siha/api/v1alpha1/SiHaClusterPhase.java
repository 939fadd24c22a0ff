package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** The one-word summary of a SiHaCluster shown by {@code kubectl get siha}; the conditions tell the details. */
public enum SiHaClusterPhase {
    /** Objects created, no node is active yet. */
    PENDING("Pending"),
    /** One node is active and the passive is in sync. */
    RUNNING("Running"),
    /** A node is active but there is no passive in sync: a second failure would stop processing. */
    DEGRADED("Degraded"),
    /** No node can become active, e.g. the image cannot be pulled or the database is unreachable. */
    FAILED("Failed");

    private final String displayName;

    SiHaClusterPhase(String displayName) {
        this.displayName = displayName;
    }

    /** The value in JSON, e.g. {@code Running}, as Kubernetes spells phases. */
    @JsonValue
    public String displayName() {
        return displayName;
    }
}
