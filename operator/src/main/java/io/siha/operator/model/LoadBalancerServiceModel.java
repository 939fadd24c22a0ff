package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.siha.api.v1alpha1.LoadBalancerSpec;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Service NAME-lb ({@code spec.service.loadBalancer}): both pods as targets of a cloud load balancer, which finds the
 * active by its health check. Both pods stay endpoints whatever their readiness (publishNotReadyAddresses): the
 * passive is never Ready, and a load balancer that registers only Ready endpoints would swap targets on every
 * failover, which is the slow path this Service exists to avoid. The passive refuses connections on its ingest ports
 * (they open only on the active), so a TCP health check on the traffic port passes on the active alone.
 */
public final class LoadBalancerServiceModel {

    private LoadBalancerServiceModel() {
    }

    public static Optional<Service> build(SiHaCluster cluster, SourcePorts sourcePorts) {
        LoadBalancerSpec spec = cluster.getSpec().getService().getLoadBalancer();
        if (spec == null) {
            return Optional.empty();
        }
        var metadata = OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).loadBalancerService());
        if (spec.getAnnotations() != null && !spec.getAnnotations().isEmpty()) {
            metadata.setAnnotations(new LinkedHashMap<>(spec.getAnnotations()));
        }
        return Optional.of(new ServiceBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                    .withType("LoadBalancer")
                    .withLoadBalancerClass(spec.getLoadBalancerClass())
                    .withLoadBalancerSourceRanges(spec.getSourceRanges())
                    .withSelector(OwnedMetadata.selectorLabels(cluster))
                    .withPublishNotReadyAddresses(true)
                    .withPorts(IngestServiceModel.ports(cluster.getSpec().getIngest(), sourcePorts))
                .endSpec()
                .build());
    }
}
