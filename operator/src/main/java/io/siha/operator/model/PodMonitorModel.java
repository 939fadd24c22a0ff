package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;
import io.siha.api.NodeEndpoints;
import io.siha.api.v1alpha1.MonitoringSpec;
import io.siha.api.v1alpha1.PodMonitorSpec;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PodMonitor NAME (monitoring.coreos.com/v1) when {@code spec.monitoring.podMonitor} asks for it: both node pods,
 * selected by the cluster label, scraped on their REST port's /metrics. Passive and active alike: the alerts need the
 * passive's series (its queue, its connection to the active) as much as the active's. Prometheus adds the namespace
 * and pod labels; the node adds siha_cluster and node itself, so the dashboard and the rules need no relabelling.
 */
public final class PodMonitorModel {

    private PodMonitorModel() {
    }

    /** Empty when no PodMonitor is asked for. */
    public static Optional<PodMonitor> build(SiHaCluster cluster) {
        MonitoringSpec monitoring = cluster.getSpec().getMonitoring();
        if (monitoring == null || monitoring.getPodMonitor() == null) {
            return Optional.empty();
        }
        PodMonitorSpec asked = monitoring.getPodMonitor();
        ObjectMeta metadata = OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).podMonitor());
        // The user's labels first and the operator's over them; SpecResolver refuses a user key that is the operator's.
        Map<String, String> labels = new LinkedHashMap<>(asked.getLabels() == null ? Map.of() : asked.getLabels());
        labels.putAll(metadata.getLabels());
        metadata.setLabels(labels);
        return Optional.of(new PodMonitorBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                    .withNewSelector().withMatchLabels(OwnedMetadata.selectorLabels(cluster)).endSelector()
                    .addNewPodMetricsEndpoint()
                        .withPort(NodePodModel.REST_PORT_NAME)
                        .withPath(NodeEndpoints.METRICS)
                        .withInterval(asked.getInterval())
                    .endPodMetricsEndpoint()
                .endSpec()
                .build());
    }
}
