package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plays the API server's eviction subresource ({@code POST pods/NAME/eviction}), which the mock lacks (it answers
 * 409). It decides as the API server's eviction handler does, from the budgets whose selector matches the pod's labels
 * now: none, or a pod that is Pending, Succeeded or Failed, is evicted at once; more than one is an error; with one,
 * a pod that is not Ready is evicted under {@code unhealthyPodEvictionPolicy: AlwaysAllow} (under IfHealthyBudget
 * only while the budget holds), a Ready one only while {@code disruptionsAllowed} (Ready matching pods minus
 * {@code minAvailable}) is above zero, otherwise refused with 429. An evicted pod gets the condition DisruptionTarget
 * (reason EvictionByEvictionAPI) and is then deleted with its grace period, as since Kubernetes 1.26.
 *
 * <p>How faithful: the real handler reads {@code disruptionsAllowed} from the budget's status, which the disruption
 * controller computes a moment after pods change; this computes it from the pods at the call, so it never lags. The
 * budget's {@code matchLabels} only (the operator's budget has no expressions; others are refused here). Requests
 * are serialised, as the real handler's optimistic update of the budget's status makes them.
 */
final class EvictionApi {

    /** What the API server answered. */
    record Answer(boolean evicted, int code, String message) {
    }

    private final KubernetesClient client;
    private final String namespace;

    EvictionApi(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** One for all instances: concurrent drains reach one API server, whose budget updates serialise them. */
    private static final Object API_SERVER = new Object();

    Answer evict(String podName) {
        synchronized (API_SERVER) {
            return evictNow(podName);
        }
    }

    private Answer evictNow(String podName) {
        Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
        if (pod == null) {
            return new Answer(false, 404, "pods \"" + podName + "\" not found");
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return new Answer(true, 200, "already terminating");
        }
        List<PodDisruptionBudget> budgets = client.policy().v1().podDisruptionBudget().inNamespace(namespace).list()
                .getItems().stream().filter(b -> selects(b, pod)).toList();
        if (budgets.size() > 1) {
            return new Answer(false, 500, "This pod has more than one PodDisruptionBudget, which the eviction"
                    + " subresource does not support.");
        }
        String phase = pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase();
        if (budgets.isEmpty() || List.of("Pending", "Succeeded", "Failed").contains(phase)) {
            return delete(pod);
        }
        PodDisruptionBudget budget = budgets.get(0);
        int minAvailable = budget.getSpec().getMinAvailable().getIntVal();
        long healthy = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> selects(budget, p) && p.getMetadata().getDeletionTimestamp() == null && ready(p))
                .count();
        if (!ready(pod)) {
            boolean alwaysAllow = "AlwaysAllow".equals(budget.getSpec().getUnhealthyPodEvictionPolicy());
            return alwaysAllow || healthy >= minAvailable ? delete(pod) : refused(budget);
        }
        return healthy - minAvailable > 0 ? delete(pod) : refused(budget);
    }

    private Answer delete(Pod pod) {
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
            List<PodCondition> conditions = new ArrayList<>(p.getStatus().getConditions());
            conditions.add(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                    .withReason("EvictionByEvictionAPI").withMessage("Eviction API: evicting")
                    .withLastTransitionTime(Instant.now().toString()).build());
            p.getStatus().setConditions(conditions);
            return p;
        });
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
        return new Answer(true, 201, "evicted");
    }

    private static Answer refused(PodDisruptionBudget budget) {
        return new Answer(false, 429, "Cannot evict pod as it would violate the pod's disruption budget "
                + budget.getMetadata().getName() + ".");
    }

    private static boolean selects(PodDisruptionBudget budget, Pod pod) {
        if (budget.getSpec().getSelector().getMatchExpressions() != null
                && !budget.getSpec().getSelector().getMatchExpressions().isEmpty()) {
            throw new UnsupportedOperationException("matchExpressions in " + budget.getMetadata().getName());
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return labels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet());
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
