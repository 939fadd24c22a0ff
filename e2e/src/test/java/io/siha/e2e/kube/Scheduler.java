package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.siha.api.SiHaLabels;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Plays kube-scheduler for tests that create Node objects: binds every new pod of the namespace to a Node that takes
 * pods (not cordoned, no NoSchedule or NoExecute taint) and holds no other pod of the same pair, which is what the
 * operator's pod anti-affinity asks for; the first such Node by name. A pod that fits nowhere stays unbound (Pending on
 * a cluster). The binding sets {@code spec.nodeName}, as the scheduler's Binding does; the mock has no binding
 * subresource. The {@link Kubelet} runs a pod's process whether it is bound or not: there is one kubelet for all.
 */
final class Scheduler implements AutoCloseable {

    private static final Set<String> REPELLING_EFFECTS = Set.of("NoSchedule", "NoExecute");

    private final KubernetesClient client;
    private final String namespace;
    private final SharedIndexInformer<Pod> informer;

    Scheduler(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                schedule(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                schedule(after);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                // Nothing to free: a bound pod's Node is read from the pods each time.
            }
        });
    }

    private synchronized void schedule(Pod pod) {
        if (pod.getSpec().getNodeName() != null || pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String pair = pod.getMetadata().getLabels() == null ? null
                : pod.getMetadata().getLabels().get(SiHaLabels.CLUSTER);
        Optional<Node> node = client.nodes().list().getItems().stream()
                .filter(Scheduler::takesPods)
                .filter(n -> !holdsPodOf(n.getMetadata().getName(), pair))
                .min(Comparator.comparing(n -> n.getMetadata().getName()));
        node.ifPresent(n -> bind(pod, n.getMetadata().getName()));
    }

    private static boolean takesPods(Node node) {
        return !Boolean.TRUE.equals(node.getSpec().getUnschedulable()) && (node.getSpec().getTaints() == null
                || node.getSpec().getTaints().stream().noneMatch(t -> REPELLING_EFFECTS.contains(t.getEffect())));
    }

    private boolean holdsPodOf(String nodeName, String pair) {
        return pair != null && client.pods().inNamespace(namespace).withLabel(SiHaLabels.CLUSTER, pair).list()
                .getItems().stream()
                .anyMatch(p -> nodeName.equals(p.getSpec().getNodeName()));
    }

    private void bind(Pod pod, String nodeName) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).edit(p -> {
                    // The same name may be a newer pod by now: bind only the one seen.
                    if (Objects.equals(p.getMetadata().getUid(), pod.getMetadata().getUid())
                            && p.getSpec().getNodeName() == null) {
                        p.getSpec().setNodeName(nodeName);
                    }
                    return p;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return;
                }
                if (e.getCode() != 409 || attempt == 20) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
