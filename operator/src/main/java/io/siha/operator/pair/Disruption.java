package io.siha.operator.pair;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a pod is about to be moved off its node, read from the pod and the Node it runs on: the Node is cordoned
 * ({@code spec.unschedulable}), carries a taint that drain tools set before they evict, or the pod itself carries the
 * {@code DisruptionTarget} condition the API server, the taint manager or the kubelet set before they delete it. The
 * operator then hands the active over first, so that the eviction of the former active succeeds.
 *
 * <p>The taints are CloudNativePG's default drain taints (its {@code DefaultDrainTaints}): what {@code kubectl drain}
 * leads to (the node lifecycle controller mirrors the cordon as {@code node.kubernetes.io/unschedulable}), and what
 * the Cluster Autoscaler and Karpenter put on a node they are about to empty.
 */
public final class Disruption {

    static final Set<String> DRAIN_TAINTS = Set.of(
            "node.kubernetes.io/unschedulable",
            "ToBeDeletedByClusterAutoscaler",
            "karpenter.sh/disrupted",
            "karpenter.sh/disruption");

    static final String DISRUPTION_TARGET = "DisruptionTarget";

    private Disruption() {
    }

    /** Empty while the pod may stay where it is. */
    public static Optional<String> of(Pod pod, Optional<Node> node) {
        List<PodCondition> conditions = pod.getStatus() == null || pod.getStatus().getConditions() == null
                ? List.of() : pod.getStatus().getConditions();
        Optional<String> target = conditions.stream()
                .filter(c -> DISRUPTION_TARGET.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst()
                .map(c -> "pod " + pod.getMetadata().getName() + " is about to be evicted (" + DISRUPTION_TARGET
                        + (c.getReason() == null ? "" : ": " + c.getReason()) + ")");
        return target.or(() -> node.flatMap(Disruption::draining));
    }

    /** Whether a drain is under way on the node, in words; the same test decides whether its events matter. */
    public static Optional<String> draining(Node node) {
        String name = node.getMetadata().getName();
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return Optional.of("node " + name + " is cordoned");
        }
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints();
        return taints.stream().map(Taint::getKey).filter(DRAIN_TAINTS::contains).findFirst()
                .map(key -> "node " + name + " has the taint " + key);
    }
}
