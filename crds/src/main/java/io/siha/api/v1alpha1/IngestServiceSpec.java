package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

import java.util.Map;

/** The Service NAME, which selects the active pod and so always points at the node that accepts events. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngestServiceSpec {

    @Default("ClusterIP")
    @JsonPropertyDescription("Service type: ClusterIP, NodePort or LoadBalancer.")
    private ServiceType type = ServiceType.CLUSTER_IP;

    @JsonPropertyDescription("Annotations put on the Service, e.g. to configure a cloud load balancer.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("A second Service, NAME-lb, of type LoadBalancer, that keeps both pods as targets of a"
            + " cloud load balancer; its health check finds the active, whose ingest ports alone are open. A failover"
            + " then costs the health check's detection, not a target registration. Unset: no such Service.")
    private LoadBalancerSpec loadBalancer;

    public ServiceType getType() {
        return type;
    }

    public void setType(ServiceType type) {
        this.type = type;
    }

    public LoadBalancerSpec getLoadBalancer() {
        return loadBalancer;
    }

    public void setLoadBalancer(LoadBalancerSpec loadBalancer) {
        this.loadBalancer = loadBalancer;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
