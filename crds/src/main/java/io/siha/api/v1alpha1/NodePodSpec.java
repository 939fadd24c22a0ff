package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.Map;

/** Resources and scheduling of the two node pods; each field has the type and meaning of the Pod field of its name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodePodSpec {

    @JsonPropertyDescription("CPU and memory requests and limits of the node container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Labels a node must have for the pods to be scheduled on it.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Taints the pods tolerate.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Scheduling affinity of the pods. Unset: the operator keeps the two pods on different"
            + " nodes and, where possible, zones, so one node or zone failure cannot take both.")
    private Affinity affinity;

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    /** Null when unset: the operator then applies its default anti-affinity. */
    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }
}
