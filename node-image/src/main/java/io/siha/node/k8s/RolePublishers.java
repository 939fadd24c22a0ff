package io.siha.node.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.siha.api.NodeEnv;
import io.siha.node.config.PodIdentity;

import java.util.Optional;

/** Chooses how the node publishes its role: on its pod when it knows its pod, else nowhere. */
public final class RolePublishers {

    private RolePublishers() {
    }

    /** For the node's own process: the in-cluster client (service account token) when a pod is configured. */
    public static RolePublisher forEnvironment(Optional<PodIdentity> pod) {
        if (pod.isEmpty()) {
            return new NoRolePublisher(NodeEnv.POD_NAME + " and " + NodeEnv.POD_NAMESPACE + " are not set");
        }
        return new PodRoleLabeler(new KubernetesClientBuilder().build(), pod.get(), true);
    }

    /** Labels {@code pod} through a client the caller owns and closes. */
    public static RolePublisher forPod(KubernetesClient client, PodIdentity pod) {
        return new PodRoleLabeler(client, pod, false);
    }
}
