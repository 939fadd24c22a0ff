package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last switchover asked for in {@code spec.switchover}, as the operator handled it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwitchoverStatus {

    @JsonPropertyDescription("spec.switchover.activePod of the request.")
    private String activePod;

    @JsonPropertyDescription("spec.switchover.requestId of the request, when it had one.")
    private String requestId;

    @JsonPropertyDescription("The pod that was active when the request was accepted.")
    private String fromPod;

    @JsonPropertyDescription("Pending, InProgress, Succeeded, Refused or Failed.")
    private SwitchoverResult result;

    @JsonPropertyDescription("Why, in one word: Switched, WaitingForPair, HandingOver, UnknownPod, AlreadyActive,"
            + " NoActive, NoPassiveInSync, TargetBeingMoved, TimedOut or TakeoverFailed.")
    private String reason;

    @JsonPropertyDescription("What happened, in words.")
    private String message;

    @JsonPropertyDescription("When the operator first saw the request, RFC 3339.")
    private String requestedAt;

    @JsonPropertyDescription("When the result last changed, RFC 3339.")
    private String lastTransitionTime;

    @JsonPropertyDescription("Lease epoch of the active when the request was accepted; the named pod's takeover"
            + " raises it.")
    private Long epoch;

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

    public String getFromPod() {
        return fromPod;
    }

    public void setFromPod(String fromPod) {
        this.fromPod = fromPod;
    }

    public SwitchoverResult getResult() {
        return result;
    }

    public void setResult(SwitchoverResult result) {
        this.result = result;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getRequestedAt() {
        return requestedAt;
    }

    public void setRequestedAt(String requestedAt) {
        this.requestedAt = requestedAt;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getEpoch() {
        return epoch;
    }

    public void setEpoch(Long epoch) {
        this.epoch = epoch;
    }
}
