package io.siha.operator.model;

import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.MonitoringSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PodMonitorModelTest {

    private final SiHaCluster cluster = TestClusters.persisted("orders");

    @Test
    void noneUnlessAskedFor() {
        assertThat(PodMonitorModel.build(cluster)).isEmpty();
        cluster.getSpec().setMonitoring(new MonitoringSpec()); // scrapeFrom alone asks for no PodMonitor
        assertThat(PodMonitorModel.build(cluster)).isEmpty();
    }

    @Test
    void scrapesBothPodsOnTheirRestPortsMetricsAndIsOwnedByTheCluster() {
        cluster.getSpec().setMonitoring(ObservabilitySpecs.monitoring(null, null));
        PodMonitor monitor = PodMonitorModel.build(cluster).orElseThrow();
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getKind()).isEqualTo("PodMonitor");
        assertThat(monitor.getMetadata().getName()).isEqualTo("orders");
        assertThat(monitor.getMetadata().getNamespace()).isEqualTo(cluster.getMetadata().getNamespace());
        assertThat(monitor.getMetadata().getLabels()).isEqualTo(OwnedMetadata.labels(cluster));
        assertThat(monitor.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("uid-orders"));
        // The same selector as the Service and the NetworkPolicy: active and passive both, nothing else.
        assertThat(monitor.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(SiHaLabels.CLUSTER, "orders"));
        assertThat(monitor.getSpec().getNamespaceSelector()).isNull();
        PodMetricsEndpoint endpoint = monitor.getSpec().getPodMetricsEndpoints().get(0);
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).hasSize(1);
        // The port by name, as the container lists it; the node serves its metrics there.
        assertThat(NodePodModel.podSpec(cluster).getContainers().get(0).getPorts())
                .anySatisfy(port -> assertThat(port.getName()).isEqualTo(endpoint.getPort()));
        assertThat(endpoint.getPort()).isEqualTo("rest");
        assertThat(endpoint.getPath()).isEqualTo("/metrics");
        assertThat(endpoint.getInterval()).as("Prometheus' own interval").isNull();
    }

    @Test
    void takesTheIntervalAndTheLabelsOfTheSpec() {
        cluster.getSpec().setMonitoring(ObservabilitySpecs.monitoring("15s",
                Map.of("release", "kube-prometheus-stack")));
        PodMonitor monitor = PodMonitorModel.build(cluster).orElseThrow();
        assertThat(monitor.getSpec().getPodMetricsEndpoints().get(0).getInterval()).isEqualTo("15s");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack")
                .containsAllEntriesOf(OwnedMetadata.labels(cluster)).hasSize(OwnedMetadata.labels(cluster).size() + 1);
    }
}
