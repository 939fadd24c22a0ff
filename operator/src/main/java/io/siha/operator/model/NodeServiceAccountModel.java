package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.siha.api.v1alpha1.SiHaCluster;

/** ServiceAccount NAME-node: the identity the node pods use to label their own pod. */
public final class NodeServiceAccountModel {

    private NodeServiceAccountModel() {
    }

    public static ServiceAccount build(SiHaCluster cluster) {
        return new ServiceAccountBuilder()
                .withMetadata(OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).nodeAccount()))
                .build();
    }
}
