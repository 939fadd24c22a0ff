package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** Kubernetes Service types the ingest Service may have. JSON and the schema use the Kubernetes spelling. */
public enum ServiceType {
    CLUSTER_IP("ClusterIP"),
    NODE_PORT("NodePort"),
    LOAD_BALANCER("LoadBalancer");

    private final String kubernetesName;

    ServiceType(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    /** The value of a Service's {@code spec.type}, e.g. {@code ClusterIP}. */
    @JsonValue
    public String kubernetesName() {
        return kubernetesName;
    }
}
