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

    public ServiceType getType() {
        return type;
    }

    public void setType(ServiceType type) {
        this.type = type;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
