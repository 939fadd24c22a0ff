package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A planned switchover asked for in the spec, so that it can live in Git. It is a one-shot request, not a desired
 * state: the operator carries it out once and records it in {@code status.lastSwitchover}; the same request left in
 * the spec is not carried out again. Keeping a pod active for good would fight failovers and node drains.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwitchoverSpec {

    @Required
    @Size(min = 1, max = SchemaConstraints.DNS_LABEL_MAX_LENGTH)
    @Pattern(SchemaConstraints.DNS_LABEL)
    @JsonPropertyDescription("The pod that should become active: NAME-0 or NAME-1. The active pod hands over to it in"
            + " a planned switchover (it persists its state, passes its last sequence to the passive and releases the"
            + " lease), so no acknowledged event is lost. Refused, in status.lastSwitchover and the"
            + " SwitchoverCompleted condition, when the pod is not one of the pair, is already active, or does not run"
            + " as passive; a refused request is not retried. Carried out once per value of activePod and requestId.")
    private String activePod;

    @Size(max = SchemaConstraints.DNS_LABEL_MAX_LENGTH)
    @JsonPropertyDescription("Optional text that tells one request from the next: change it (e.g. to a date) to ask"
            + " again for a pod named before, for instance after a refusal or after a failover moved the active role"
            + " away from it.")
    private String requestId;

    public SwitchoverSpec() {
    }

    public SwitchoverSpec(String activePod, String requestId) {
        this.activePod = activePod;
        this.requestId = requestId;
    }

    public String getActivePod() {
        return activePod;
    }

    public void setActivePod(String activePod) {
        this.activePod = activePod;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
