package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code kubectl drain NODE} against the mock: cordon the Node ({@code spec.unschedulable}, plus the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint the node lifecycle controller adds), then evict each of
 * its pods through {@link EvictionApi}, again every 5 s while the eviction is refused with 429 (kubectl's interval),
 * and wait until each evicted pod is gone. EKS managed node group upgrades and Karpenter drain the same way.
 */
final class Drain {

    static final Duration RETRY = Duration.ofSeconds(5);

    /** One eviction call and its answer, with the milliseconds since the cordon. */
    record Attempt(String pod, long atMs, EvictionApi.Answer answer) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final EvictionApi evictions;
    private final List<Attempt> attempts = new ArrayList<>();

    Drain(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.evictions = new EvictionApi(client, namespace);
    }

    /** Drains {@code nodeName}; fails when a pod is still there after {@code timeout}. */
    void drain(String nodeName, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        client.nodes().withName(nodeName).edit(n -> new NodeBuilder(n).editSpec().withUnschedulable(true)
                .addNewTaint().withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").endTaint()
                .endSpec().build());
        long deadline = start + timeout.toNanos();
        for (Pod pod : podsOn(nodeName)) {
            evictAndAwaitGone(pod, start, deadline);
        }
    }

    private void evictAndAwaitGone(Pod pod, long start, long deadline) throws InterruptedException {
        String name = pod.getMetadata().getName();
        while (true) {
            EvictionApi.Answer answer = evictions.evict(name);
            attempts.add(new Attempt(name, (System.nanoTime() - start) / 1_000_000, answer));
            if (answer.evicted() || answer.code() == 404) {
                break;
            }
            if (answer.code() != 429) {
                throw new IllegalStateException("eviction of " + name + ": " + answer);
            }
            if (System.nanoTime() + RETRY.toNanos() > deadline) {
                throw new AssertionError("drain timed out: eviction of " + name + " still refused: " + attempts);
            }
            Thread.sleep(RETRY.toMillis());
        }
        while (stillThere(pod)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("drain timed out: evicted pod " + name + " still terminating");
            }
            Thread.sleep(20);
        }
    }

    private boolean stillThere(Pod pod) {
        Pod now = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
        return now != null && Objects.equals(now.getMetadata().getUid(), pod.getMetadata().getUid());
    }

    private List<Pod> podsOn(String nodeName) {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> nodeName.equals(p.getSpec().getNodeName())).toList();
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }
}
