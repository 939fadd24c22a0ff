package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.IngestServiceSpec;
import io.siha.api.v1alpha1.IngestSpec;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Service NAME: the ingest ports, and those of the apps' HTTP sources, of whichever pod is active. It selects on the
 * role label the node writes on its own pod, so it follows a failover without the operator, and the readiness probe
 * (true only on the active with its ports open) keeps a just-promoted node out until it accepts events.
 */
public final class IngestServiceModel {

    public static final String HTTP_PORT_NAME = "http-ingest";
    public static final String BINARY_PORT_NAME = "binary-ingest";

    private IngestServiceModel() {
    }

    /** The Service of a pair whose apps have no HTTP source. */
    public static Service build(SiHaCluster cluster) {
        return build(cluster, SourcePorts.none());
    }

    public static Service build(SiHaCluster cluster, SourcePorts sourcePorts) {
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
                    .withPublishNotReadyAddresses(false)
                    .withPorts(ports(ingest, sourcePorts))
                .endSpec()
                .build();
    }

    // Each on the number the pod listens on, so a client reaches a source through the Service at the URL the app
    // names (with the Service's host); targeted by name, as the container names its ports.
    static List<ServicePort> ports(IngestSpec ingest, SourcePorts sourcePorts) {
        List<ServicePort> ports = new ArrayList<>();
        ports.add(port(HTTP_PORT_NAME, ingest.getHttpPort(), NodePodModel.HTTP_INGEST_PORT_NAME));
        ports.add(port(BINARY_PORT_NAME, ingest.getBinaryPort(), NodePodModel.BINARY_INGEST_PORT_NAME));
        sourcePorts.numbers().forEach(source -> ports.add(port(SourcePorts.name(source), source,
                SourcePorts.name(source))));
        return ports;
    }

    private static ServicePort port(String name, int port, String containerPortName) {
        return new ServicePortBuilder().withName(name).withProtocol("TCP").withPort(port)
                .withTargetPort(new IntOrString(containerPortName)).build();
    }

    public static Map<String, String> activePodSelector(SiHaCluster cluster) {
        Map<String, String> selector = new LinkedHashMap<>(OwnedMetadata.selectorLabels(cluster));
        selector.put(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);
        return selector;
    }
}
