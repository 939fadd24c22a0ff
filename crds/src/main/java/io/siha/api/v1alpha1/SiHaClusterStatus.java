package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;

/**
 * What the operator observed. Values are objects rather than primitives so that "not known yet" (null, left out of
 * the JSON) differs from 0: before the first election there is no epoch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SiHaClusterStatus {

    /**
     * Names every condition type the operator sets; the operator's tests check it against its ConditionTypes, so
     * {@code kubectl explain siha.status.conditions} never names one the code does not set.
     */
    static final String CONDITIONS_DESCRIPTION = "The pair's conditions: Ready (an active pod is Ready, the Service"
            + " has an endpoint), PassiveReady (a pod runs as passive and can take over), Degraded (running, but one"
            + " more failure stops processing, or it has stopped; the reason says which), SnapshotsCurrent (the"
            + " active's snapshots are written), AcceptingEvents (the active takes new events), NodesRunning (both"
            + " pods' node containers run; False with reason NodeFailing and the container's last lines while one"
            + " fails to start), StateCompatible (the persisted state fits the apps; False with reason"
            + " IncompatibleState while a node refuses a snapshot its changed apps no longer fit, True with reason"
            + " StateDiscarded after a node started such apps empty), PodMonitorReady (only while"
            + " spec.monitoring.podMonitor is set: the PodMonitor exists; False with reason PodMonitorCrdMissing when"
            + " the Prometheus Operator's CRDs are not installed), SwitchoverCompleted (the switchover requested in"
            + " spec.switchover was carried out; False while pending or in progress, or when refused or failed, the"
            + " reason says which; absent until one is requested) and InvalidSpec (the spec cannot be built; the"
            + " message names the field).";

    @PrinterColumn(name = "PHASE")
    @JsonPropertyDescription("Pending, Running, Degraded or Failed; the conditions say why.")
    private SiHaClusterPhase phase;

    @PrinterColumn(name = "ACTIVE")
    @JsonPropertyDescription("Name of the pod that is active: it holds the lease and accepts events.")
    private String activePod;

    @PrinterColumn(name = "PASSIVE")
    @JsonPropertyDescription("Name of the pod that is passive: it receives the synced events and takes over on"
            + " failure.")
    private String passivePod;

    @PrinterColumn(name = "EPOCH")
    @JsonPropertyDescription("Epoch of the current lease (fencing token); it grows by one with every change of active.")
    private Long epoch;

    @JsonPropertyDescription("When the last change of active node happened, RFC 3339, e.g. 2025-01-31T12:00:00Z.")
    private String lastFailoverTime;

    @PrinterColumn(name = "FAILOVERS")
    @JsonPropertyDescription("Number of changes of active node seen by the operator.")
    private Integer failoverCount;

    @JsonPropertyDescription(CONDITIONS_DESCRIPTION)
    private List<Condition> conditions;

    @JsonPropertyDescription("The last switchover requested in spec.switchover and what came of it; compared with"
            + " spec.switchover so that a request left in the spec is carried out only once.")
    private SwitchoverStatus lastSwitchover;

    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
    private Long observedGeneration;

    public SiHaClusterPhase getPhase() {
        return phase;
    }

    public void setPhase(SiHaClusterPhase phase) {
        this.phase = phase;
    }

    public String getActivePod() {
        return activePod;
    }

    public void setActivePod(String activePod) {
        this.activePod = activePod;
    }

    public String getPassivePod() {
        return passivePod;
    }

    public void setPassivePod(String passivePod) {
        this.passivePod = passivePod;
    }

    public Long getEpoch() {
        return epoch;
    }

    public void setEpoch(Long epoch) {
        this.epoch = epoch;
    }

    public String getLastFailoverTime() {
        return lastFailoverTime;
    }

    public void setLastFailoverTime(String lastFailoverTime) {
        this.lastFailoverTime = lastFailoverTime;
    }

    public Integer getFailoverCount() {
        return failoverCount;
    }

    public void setFailoverCount(Integer failoverCount) {
        this.failoverCount = failoverCount;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public SwitchoverStatus getLastSwitchover() {
        return lastSwitchover;
    }

    public void setLastSwitchover(SwitchoverStatus lastSwitchover) {
        this.lastSwitchover = lastSwitchover;
    }
}
