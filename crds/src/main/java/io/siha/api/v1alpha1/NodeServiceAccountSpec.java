package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;

/** What the user adds to the ServiceAccount NAME-node the pods run as; the operator owns the rest of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeServiceAccountSpec {

    @JsonPropertyDescription("Annotations of the ServiceAccount, e.g. eks.amazonaws.com/role-arn for IRSA (the nodes"
            + " then get AWS credentials for that IAM role). The operator owns the ServiceAccount's annotations: set"
            + " them here, not with kubectl annotate. A change rolls the pair, as the credentials are injected into a"
            + " pod when it is created.")
    private Map<String, String> annotations;

    public NodeServiceAccountSpec() {
    }

    public NodeServiceAccountSpec(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
