package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.siha.api.v1alpha1.SiHaCluster;

/** RoleBinding NAME-node: grants Role NAME-node to ServiceAccount NAME-node. */
public final class NodeRoleBindingModel {

    private NodeRoleBindingModel() {
    }

    public static RoleBinding build(SiHaCluster cluster) {
        ClusterNames names = ClusterNames.of(cluster);
        return new RoleBindingBuilder()
                .withMetadata(OwnedMetadata.forObject(cluster, names.nodeAccount()))
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", names.nodeAccount())
                .addNewSubject()
                    .withKind("ServiceAccount")
                    .withName(names.nodeAccount())
                    .withNamespace(names.namespace())
                .endSubject()
                .build();
    }
}
