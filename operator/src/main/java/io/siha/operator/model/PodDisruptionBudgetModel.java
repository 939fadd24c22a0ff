package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.siha.api.v1alpha1.SiHaCluster;

/**
 * PodDisruptionBudget NAME: {@code minAvailable: 1} over the pair.
 *
 * <p>Only the active pod is ever Ready (readiness means "active with ports open"), so the budget protects exactly the
 * active from eviction. {@code unhealthyPodEvictionPolicy: AlwaysAllow} lets the never-Ready passive be evicted at
 * once; without it a drain could not move the passive either, since the budget counts only Ready pods.
 */
public final class PodDisruptionBudgetModel {

    public static final String ALWAYS_ALLOW = "AlwaysAllow";

    private PodDisruptionBudgetModel() {
    }

    public static PodDisruptionBudget build(SiHaCluster cluster) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).podDisruptionBudget()))
                .withNewSpec()
                    .withMinAvailable(new IntOrString(1))
                    .withNewSelector().withMatchLabels(OwnedMetadata.selectorLabels(cluster)).endSelector()
                    .withUnhealthyPodEvictionPolicy(ALWAYS_ALLOW)
                .endSpec()
                .build();
    }
}
