package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.siha.api.v1alpha1.SiHaCluster;

/**
 * Role NAME-node: get, watch and patch of the pair's two pods and nothing else. A node publishes its role and epoch on
 * its own pod and watches it for the step-down annotation; naming the pods keeps a compromised node from relabelling
 * any other pod, e.g. to steer another Service's traffic.
 */
public final class NodeRoleModel {

    private NodeRoleModel() {
    }

    public static Role build(SiHaCluster cluster) {
        ClusterNames names = ClusterNames.of(cluster);
        return new RoleBuilder()
                .withMetadata(OwnedMetadata.forObject(cluster, names.nodeAccount()))
                .withRules(new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("pods")
                        .withResourceNames(names.pods())
                        .withVerbs("get", "watch", "patch")
                        .build())
                .build();
    }
}
