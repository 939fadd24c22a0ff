package io.siha.operator.status;

import io.siha.api.v1alpha1.SiHaClusterStatus;

import java.util.List;
import java.util.Optional;

/**
 * The new status, and what changed that deserves an Event: the failover noticed while computing it, and the node
 * failures the previous status did not report yet (each {@code pod NAME: what failed}).
 */
public record StatusUpdate(SiHaClusterStatus status, Optional<Failover> failover, List<String> newNodeFailures) {

    public StatusUpdate {
        newNodeFailures = List.copyOf(newNodeFailures);
    }
}
