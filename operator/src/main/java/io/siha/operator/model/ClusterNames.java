package io.siha.operator.model;

import io.siha.api.v1alpha1.SiHaCluster;

import java.util.List;

/**
 * The names of the objects one SiHaCluster owns. Names are fixed by the cluster name (not generated), so the operator
 * finds its objects again after a restart, and the node's Role can list its two pods by name.
 */
public record ClusterNames(String cluster, String namespace) {

    /** Two nodes: one active, one passive. */
    public static final int NODE_COUNT = 2;

    public static ClusterNames of(SiHaCluster cluster) {
        return new ClusterNames(cluster.getMetadata().getName(), cluster.getMetadata().getNamespace());
    }

    public String dbSecret() {
        return cluster + "-db";
    }

    public String appsConfigMap() {
        return cluster + "-apps";
    }

    /** ServiceAccount, Role and RoleBinding of the node pods share this name. */
    public String nodeAccount() {
        return cluster + "-node";
    }

    public String pod(int index) {
        return cluster + "-" + index;
    }

    public List<String> pods() {
        return List.of(pod(0), pod(1));
    }

    public String service() {
        return cluster;
    }

    /** The load-balancer Service with both pods as targets ({@code spec.service.loadBalancer}). */
    public String loadBalancerService() {
        return cluster + "-lb";
    }

    public String podDisruptionBudget() {
        return cluster;
    }

    public String networkPolicy() {
        return cluster;
    }

    public String podMonitor() {
        return cluster;
    }
}
