package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Map;

/**
 * A second Service, NAME-lb, of type LoadBalancer, for a cloud load balancer that keeps both pods as its targets and
 * finds the active by its health check: only the active has its ingest ports open, so a TCP health check on the
 * traffic port passes on the active alone. A failover then costs the health check's detection, not a target
 * registration (which takes the AWS Load Balancer Controller 90 to 180 s).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadBalancerSpec {

    @JsonPropertyDescription("Annotations of the NAME-lb Service, e.g. the AWS Load Balancer Controller's"
            + " (aws-load-balancer-type: external, aws-load-balancer-nlb-target-type: ip, health-check interval and"
            + " thresholds); the README's EKS guide lists them.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("The Service's loadBalancerClass, e.g. service.k8s.aws/nlb; unset: the cluster's"
            + " default load balancer implementation.")
    private String loadBalancerClass;

    @JsonPropertyDescription("CIDRs allowed to reach the load balancer (the Service's loadBalancerSourceRanges).")
    private List<String> sourceRanges;

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public String getLoadBalancerClass() {
        return loadBalancerClass;
    }

    public void setLoadBalancerClass(String loadBalancerClass) {
        this.loadBalancerClass = loadBalancerClass;
    }

    public List<String> getSourceRanges() {
        return sourceRanges;
    }

    public void setSourceRanges(List<String> sourceRanges) {
        this.sourceRanges = sourceRanges;
    }
}
