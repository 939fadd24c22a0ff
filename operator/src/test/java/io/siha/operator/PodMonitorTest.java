package io.siha.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.model.ObservabilitySpecs;
import io.siha.operator.status.ConditionTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import static io.siha.operator.TestClusters.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * spec.monitoring.podMonitor through the real operator and the mock API server: with the Prometheus Operator's CRD
 * registered the PodMonitor is created, owned and kept as the spec says, and deleted once no longer asked for; without
 * it the rest of the pair is built and the PodMonitorReady condition says why there is no PodMonitor.
 */
@EnableKubernetesMockClient(crud = true)
class PodMonitorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    KubernetesClient client;
    private OperatorHarness harness;

    @AfterEach
    void stopOperator() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void withThePrometheusOperatorsCrdThePodMonitorIsWrittenAndDeletedWhenNoLongerAskedFor() throws IOException {
        registerPodMonitorCrd();
        start();
        SiHaCluster cluster = harness.create(asking("orders", "30s"));

        await().atMost(WAIT).until(() -> podMonitor("orders") != null && condition("orders") != null);
        PodMonitor monitor = podMonitor("orders");
        assertThat(monitor.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(cluster.getMetadata().getUid()));
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("rest");
            assertThat(endpoint.getInterval()).isEqualTo("30s");
        });
        Condition ready = condition("orders");
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getReason()).isEqualTo("PodMonitorWritten");

        // Someone else's edit is put back, as for every owned object (the informer started with the first write).
        client.resource(podMonitor("orders")).edit(m -> {
            m.getSpec().getPodMetricsEndpoints().get(0).setInterval("5m");
            return m;
        });
        await().atMost(WAIT).until(() -> "30s".equals(
                podMonitor("orders").getSpec().getPodMetricsEndpoints().get(0).getInterval()));

        // A new interval from the spec reaches it.
        harness.editSpec("orders", c -> c.getSpec().getMonitoring().getPodMonitor().setInterval("1m"));
        await().atMost(WAIT).until(() -> "1m".equals(
                podMonitor("orders").getSpec().getPodMetricsEndpoints().get(0).getInterval()));

        // A bad interval is an InvalidSpec on its field: the PodMonitor and its condition stay as they were.
        await().atMost(WAIT).until(() -> condition("orders").getObservedGeneration()
                .equals(harness.get("orders").getMetadata().getGeneration()));
        Condition beforeTheBadEdit = condition("orders");
        harness.editSpec("orders", c -> c.getSpec().getMonitoring().getPodMonitor().setInterval("1 minute"));
        await().atMost(WAIT).until(() -> "True".equals(StatusAndFailoverTest.condition(harness.get("orders")
                .getStatus(), ConditionTypes.INVALID_SPEC).getStatus()));
        assertThat(StatusAndFailoverTest.condition(harness.get("orders").getStatus(), ConditionTypes.INVALID_SPEC)
                .getMessage()).isEqualTo("spec.monitoring.podMonitor.interval: '1 minute' is not a Prometheus"
                        + " duration such as 30s, 1m or 1m30s");
        assertThat(podMonitor("orders").getSpec().getPodMetricsEndpoints().get(0).getInterval()).isEqualTo("1m");
        assertThat(condition("orders")).isEqualTo(beforeTheBadEdit);

        harness.editSpec("orders", c -> c.getSpec().setMonitoring(null));
        await().atMost(WAIT).until(() -> podMonitor("orders") == null && condition("orders") == null);
        assertThat(client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName("orders").get())
                .isNotNull();
    }

    @Test
    void withoutTheCrdThePairIsBuiltAndTheConditionSaysWhyThereIsNoPodMonitor() {
        start();
        harness.create(asking("orders", null));

        await().atMost(WAIT).until(() -> condition("orders") != null);
        Condition missing = condition("orders");
        assertThat(missing.getStatus()).isEqualTo("False");
        assertThat(missing.getReason()).isEqualTo("PodMonitorCrdMissing");
        assertThat(missing.getMessage()).contains("spec.monitoring.podMonitor", "monitoring.coreos.com/v1 podmonitors",
                "install the Prometheus Operator's CRDs");
        // Everything else is there, and the pair is not held up: the pods are created.
        await().atMost(WAIT).until(() -> harness.findPod("orders-0").isPresent()
                && harness.findPod("orders-1").isPresent());
        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName("orders").get();
        assertThat(policy).isNotNull();
        assertThat(StatusAndFailoverTest.condition(harness.get("orders").getStatus(), ConditionTypes.INVALID_SPEC)
                .getStatus()).isEqualTo("False");

        // Asking no more drops the condition; nothing was created, so nothing is deleted.
        harness.editSpec("orders", c -> c.getSpec().setMonitoring(null));
        await().atMost(WAIT).until(() -> condition("orders") == null);
    }

    private void start() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        harness = new OperatorHarness(client);
    }

    private static SiHaCluster asking(String name, String interval) {
        SiHaCluster cluster = TestClusters.cluster(name);
        cluster.getSpec().setMonitoring(ObservabilitySpecs.monitoring(interval,
                Map.of("release", "kube-prometheus-stack")));
        return cluster;
    }

    private void registerPodMonitorCrd() throws IOException {
        try (InputStream crd = getClass().getClassLoader()
                .getResourceAsStream("podmonitors.monitoring.coreos.com.yaml")) {
            var definitions = client.apiextensions().v1().customResourceDefinitions();
            CustomResourceDefinition definition = definitions.load(crd).item();
            definitions.resource(definition).create();
        }
    }

    private PodMonitor podMonitor(String name) {
        return client.resources(PodMonitor.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private Condition condition(String name) {
        SiHaCluster cluster = harness.get(name);
        return cluster.getStatus() == null || cluster.getStatus().getConditions() == null ? null
                : cluster.getStatus().getConditions().stream()
                .filter(c -> ConditionTypes.POD_MONITOR_READY.equals(c.getType())).findFirst().orElse(null);
    }
}
