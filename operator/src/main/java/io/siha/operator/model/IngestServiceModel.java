package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.IngestServiceSpec;
import io.siha.api.v1alpha1.IngestSpec;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Service NAME: the ingest ports of whichever pod is active. It selects on the role label the node writes on its own
 * pod, so it follows a failover without the operator, and the readiness probe (true only on the active with its ports
 * open) keeps a just-promoted node out until it accepts events.
 */
public final class IngestServiceModel {

    public static final String HTTP_PORT_NAME = "http-ingest";
    public static final String BINARY_PORT_NAME = "binary-ingest";

    private IngestServiceModel() {
    }

    public static Service build(SiHaCluster cluster) {
        IngestSpec ingest = cluster.getSpec().getIngest();
        IngestServiceSpec service = cluster.getSpec().getService();
        var metadata = OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).service());
        if (service.getAnnotations() != null && !service.getAnnotations().isEmpty()) {
            metadata.setAnnotations(new LinkedHashMap<>(service.getAnnotations()));
        }
        return new ServiceBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                    .withType(service.getType().kubernetesName())
                    .withSelector(activePodSelector(cluster))
                    .withPorts(
                        new ServicePortBuilder().withName(HTTP_PORT_NAME).withProtocol("TCP")
                                .withPort(ingest.getHttpPort())
                                .withTargetPort(new IntOrString(NodePodModel.HTTP_INGEST_PORT_NAME)).build(),
                        new ServicePortBuilder().withName(BINARY_PORT_NAME).withProtocol("TCP")
                                .withPort(ingest.getBinaryPort())
                                .withTargetPort(new IntOrString(NodePodModel.BINARY_INGEST_PORT_NAME)).build())
                .endSpec()
                .build();
    }

    public static Map<String, String> activePodSelector(SiHaCluster cluster) {
        Map<String, String> selector = new LinkedHashMap<>(OwnedMetadata.selectorLabels(cluster));
        selector.put(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);
        return selector;
    }
}
