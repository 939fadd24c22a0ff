package io.siha.node.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.siha.api.NodeEnv;
import io.siha.node.config.PodIdentity;

/** Chooses how the node publishes its role: on its pod when it runs in one, else nowhere. */
public final class RolePublishers {

    private RolePublishers() {
    }

    /** Labels {@code pod} through {@code client}, which the caller owns and closes. */
    public static RolePublisher forPod(KubernetesClient client, PodIdentity pod) {
        return new PodRoleLabeler(client, pod);
    }

    /** Outside Kubernetes: publishes nothing, and says so once. */
    public static RolePublisher none() {
        return new NoRolePublisher(NodeEnv.POD_NAME + " and " + NodeEnv.POD_NAMESPACE + " are not set");
    }
}
