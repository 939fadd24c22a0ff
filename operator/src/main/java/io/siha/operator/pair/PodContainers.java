package io.siha.operator.pair;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.siha.operator.model.NodePodModel;

import java.util.List;
import java.util.Optional;

/**
 * What the kubelet reports of a node pod's containers: whether the node container runs, and the first container that
 * fails (init containers first: they run first, and while one fails the node container never starts).
 */
public record PodContainers(boolean nodeRunning, Optional<ContainerFailure> failure) {

    /** For pods described by hand in tests: the node container runs exactly when the pod does. */
    static PodContainers fromPhase(String phase) {
        return new PodContainers(NodePodView.RUNNING.equals(phase), Optional.empty());
    }

    static PodContainers of(PodStatus status) {
        if (status == null) {
            return new PodContainers(false, Optional.empty());
        }
        Optional<ContainerFailure> failure = firstFailure(status.getInitContainerStatuses(), true)
                .or(() -> firstFailure(status.getContainerStatuses(), false));
        List<ContainerStatus> containers = orEmpty(status.getContainerStatuses());
        if (containers.isEmpty()) {
            // Nothing reported of the containers (a status written by hand, not by a kubelet): trust the phase.
            return new PodContainers(NodePodView.RUNNING.equals(status.getPhase()), failure);
        }
        boolean nodeRunning = containers.stream()
                .anyMatch(c -> NodePodModel.CONTAINER_NAME.equals(c.getName()) && c.getState() != null
                        && c.getState().getRunning() != null);
        return new PodContainers(nodeRunning, failure);
    }

    private static Optional<ContainerFailure> firstFailure(List<ContainerStatus> statuses, boolean init) {
        return orEmpty(statuses).stream().map(c -> ContainerFailure.of(c, init)).flatMap(Optional::stream)
                .findFirst();
    }

    private static List<ContainerStatus> orEmpty(List<ContainerStatus> statuses) {
        return statuses == null ? List.of() : statuses;
    }
}
