package io.siha.kubectl.status;

import java.util.Optional;

/**
 * One pod of the pair as the API server and its node describe it.
 *
 * @param name      the pod's name
 * @param roleLabel the {@code siha.io/role} label the node last wrote on its pod, if any
 * @param node      what the node itself said on {@code /v1/status}
 */
public record PodState(String name, Optional<String> roleLabel, NodeReading node) {

    public Optional<NodeReport> report() {
        return node instanceof NodeReading.Reported reported ? Optional.of(reported.report()) : Optional.empty();
    }
}
