package io.siha.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.siha.api.v1alpha1.SiHaClusterStatus;

import java.util.List;
import java.util.Optional;

/**
 * The new status, and what changed that deserves an Event: the failover noticed while computing it, and the node
 * failures the previous status did not report yet (each {@code pod NAME: what failed}), and the StateCompatible
 * condition when it newly reports a snapshot refused or discarded.
 */
public record StatusUpdate(SiHaClusterStatus status, Optional<Failover> failover, List<String> newNodeFailures,
                           Optional<Condition> stateNews) {

    public StatusUpdate {
        newNodeFailures = List.copyOf(newNodeFailures);
    }
}
