package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** A container's image pull policy. JSON and the schema use the Kubernetes spelling. */
public enum ImagePullPolicy {
    ALWAYS("Always"),
    IF_NOT_PRESENT("IfNotPresent"),
    NEVER("Never");

    private final String kubernetesName;

    ImagePullPolicy(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    /** The value of a container's {@code imagePullPolicy}, e.g. {@code IfNotPresent}. */
    @JsonValue
    public String kubernetesName() {
        return kubernetesName;
    }
}
