package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.siha.api.v1alpha1.SiHaCluster;

/**
 * PodDisruptionBudget NAME: {@code minAvailable: 1} over the pod labelled active, the Service's selector (CloudNativePG
 * budgets its primary the same way, by its role label).
 *
 * <p>The active is refused eviction while it is Ready, so a drain cannot take it while it serves. A drain of its
 * Node makes the operator hand it over first; the node then labels itself passive, which takes its pod out of the
 * budget, and the drain's next eviction of it succeeds. The passive is in no budget at all: it can be evicted at any
 * time, and tools that look at a budget's {@code disruptionsAllowed} before they move a pod (the Cluster Autoscaler,
 * Karpenter's consolidation) see it as free to move. A budget over both pods would read {@code disruptionsAllowed: 0}
 * for the passive too, though the never-Ready passive can in fact be evicted.
 *
 * <p>What the budget cannot cover: the gap between a handover and the takeover. When both Nodes are drained at once and
 * the active hands over to a passive that is evicted a moment later, the former active, passive and not Ready now, is
 * evictable too, and the pair waits for a replacement to take over (README, Node drains).
 *
 * <p>{@code unhealthyPodEvictionPolicy: AlwaysAllow}, as Kubernetes recommends: an active that is not Ready (its
 * ports closed, fenced, stuck) accepts no events, so the budget would protect nothing by holding a drain on it.
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
                    .withNewSelector().withMatchLabels(IngestServiceModel.activePodSelector(cluster)).endSelector()
                    .withUnhealthyPodEvictionPolicy(ALWAYS_ALLOW)
                .endSpec()
                .build();
    }
}
