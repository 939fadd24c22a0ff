package io.siha.operator.status;

import io.siha.api.v1alpha1.SiHaClusterStatus;

import java.util.Optional;

/** The new status, and the failover noticed while computing it (for an Event). */
public record StatusUpdate(SiHaClusterStatus status, Optional<Failover> failover) {
}
