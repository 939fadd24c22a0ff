package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.SortedMap;

/**
 * ConfigMap NAME-apps, mounted into both pods: one key {@code NAME.siddhi} per app. It is a copy even when the user
 * names a ConfigMap of their own, so the pods depend only on objects the operator owns and a change of the user's
 * ConfigMap reaches the pods through a rolling update rather than a surprise file change.
 */
public final class AppsConfigMapModel {

    private AppsConfigMapModel() {
    }

    public static ConfigMap build(SiHaCluster cluster, SortedMap<String, String> apps) {
        return new ConfigMapBuilder()
                .withMetadata(OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).appsConfigMap()))
                .withData(apps)
                .build();
    }
}
