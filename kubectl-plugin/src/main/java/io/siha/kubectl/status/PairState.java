package io.siha.kubectl.status;

import io.siha.api.v1alpha1.SwitchoverStatus;

import java.util.List;
import java.util.Optional;

/**
 * A SiHaCluster as {@code kubectl siha status} shows it: what the operator recorded, and its pods.
 *
 * @param name           the SiHaCluster
 * @param namespace      its namespace
 * @param phase          status.phase, if set
 * @param activePod      status.activePod, if set
 * @param passivePod     status.passivePod, if set
 * @param epoch          status.epoch, if set
 * @param failovers      status.failoverCount, if set
 * @param lastSwitchover status.lastSwitchover, if set
 * @param pods           the pods labelled with the cluster's name, by name
 */
public record PairState(String name, String namespace, Optional<String> phase, Optional<String> activePod,
                        Optional<String> passivePod, Optional<Long> epoch, Optional<Integer> failovers,
                        Optional<SwitchoverStatus> lastSwitchover, List<PodState> pods) {
}
