package io.siha.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the real operator (configured by {@link SiHaOperator}, as in production) against the Fabric8 mock server, and
 * plays the parts the mock lacks: the kubelet (pod phase and Ready condition) and the node (its role label and epoch).
 */
public final class OperatorHarness implements AutoCloseable {

    private static final String CRD_RESOURCE = "META-INF/fabric8/sihaclusters.siha.io-v1.yml";

    private final KubernetesClient client;
    private final Duration stepDownTimeout;
    private Operator operator;

    public OperatorHarness(KubernetesClient client) {
        this(client, Duration.ofMinutes(2));
    }

    public OperatorHarness(KubernetesClient client, Duration stepDownTimeout) {
        this.client = client;
        this.stepDownTimeout = stepDownTimeout;
        registerCrd();
        start();
    }

    // The mock honours the status subresource only for a registered CRD: status is then stripped on create and a
    // /status write does not bump metadata.generation, as on a real API server.
    private void registerCrd() {
        try (InputStream crd = getClass().getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
            if (crd == null) {
                throw new IllegalStateException(CRD_RESOURCE + " not on the class path (from si-ha-crds)");
            }
            var definitions = client.apiextensions().v1().customResourceDefinitions();
            var definition = definitions.load(crd).item();
            if (definitions.withName(definition.getMetadata().getName()).get() == null) {
                definitions.resource(definition).create();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void start() {
        OperatorConfig config = new OperatorConfig(Set.of(), false, "unused", Optional.empty(), 0, stepDownTimeout);
        operator = SiHaOperator.create(client, config, Metrics.NOOP);
        operator.start();
    }

    /** Stops the operator as a crash or a lost Lease would, mid-work; {@link #start()} brings up a fresh one. */
    public void stop() {
        operator.stop();
    }

    public SiHaCluster create(SiHaCluster cluster) {
        return client.resource(cluster).create();
    }

    /**
     * Edits the spec as a user would, again on a 409: the operator's status writes change the resourceVersion, and
     * Fabric8's edit sends the one it read.
     */
    public void editSpec(String name, java.util.function.Consumer<SiHaCluster> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(SiHaCluster.class).inNamespace(TestClusters.NAMESPACE).withName(name).edit(c -> {
                    change.accept(c);
                    return c;
                });
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != java.net.HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public SiHaCluster get(String name) {
        return client.resources(SiHaCluster.class).inNamespace(TestClusters.NAMESPACE).withName(name).get();
    }

    public PodResource pod(String name) {
        return client.pods().inNamespace(TestClusters.NAMESPACE).withName(name);
    }

    /** The kubelet's part: the pod runs (phase Running, an IP); Ready as given. */
    public void run(String podName, boolean ready) {
        pod(podName).editStatus(pod -> {
            PodStatus status = pod.getStatus() != null ? pod.getStatus() : new PodStatus();
            status.setPhase("Running");
            status.setPodIP("10.0.0." + (podName.endsWith("0") ? 10 : 11));
            PodCondition readyCondition = new PodConditionBuilder().withType("Ready")
                    .withStatus(ready ? "True" : "False").build();
            status.setConditions(List.of(readyCondition));
            pod.setStatus(status);
            return pod;
        });
    }

    public void fail(String podName) {
        pod(podName).editStatus(pod -> {
            PodStatus status = pod.getStatus() != null ? pod.getStatus() : new PodStatus();
            status.setPhase("Failed");
            status.setConditions(List.of());
            pod.setStatus(status);
            return pod;
        });
    }

    /** The node's part: it labels its pod with its role and annotates the epoch of its latest term. */
    public void labelRole(String podName, String role, Long epoch) {
        pod(podName).edit(pod -> {
            var labels = new HashMap<>(pod.getMetadata().getLabels());
            labels.put(SiHaLabels.ROLE, role);
            pod.getMetadata().setLabels(labels);
            if (epoch != null) {
                var annotations = new HashMap<String, String>(pod.getMetadata().getAnnotations() == null
                        ? java.util.Map.of() : pod.getMetadata().getAnnotations());
                annotations.put(SiHaLabels.EPOCH, String.valueOf(epoch));
                pod.getMetadata().setAnnotations(annotations);
            }
            return pod;
        });
    }

    /** Node {@code podName} runs as the active with {@code epoch}; Ready, as its readiness probe would say. */
    public void runActive(String podName, long epoch) {
        run(podName, true);
        labelRole(podName, SiHaLabels.ROLE_ACTIVE, epoch);
    }

    public void runPassive(String podName) {
        run(podName, false);
        labelRole(podName, SiHaLabels.ROLE_PASSIVE, null);
    }

    public List<Event> events() {
        return client.v1().events().inNamespace(TestClusters.NAMESPACE).list().getItems();
    }

    public List<String> eventReasons() {
        return events().stream().map(Event::getReason).toList();
    }

    public Optional<Pod> findPod(String name) {
        return Optional.ofNullable(pod(name).get());
    }

    @Override
    public void close() {
        operator.stop();
    }
}
