package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.List;

/**
 * How Prometheus reaches the nodes' metrics (the REST port's /metrics): a PodMonitor for the Prometheus Operator, and
 * who besides the pair's own namespace may scrape. Either part works without the other: a Prometheus that discovers
 * pods by itself needs only {@code scrapeFrom}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

    @JsonPropertyDescription("Set (even to {}) to have the operator create a PodMonitor NAME (monitoring.coreos.com/v1)"
            + " that scrapes both nodes' /metrics on their REST port, owned by this SiHaCluster. Only when the"
            + " Prometheus Operator's CRDs are installed; otherwise the PodMonitorReady condition says so. Unset: no"
            + " PodMonitor (one the operator made earlier is deleted).")
    private PodMonitorSpec podMonitor;

    // An empty list is refused for the reason IngestSpec.allowedFrom refuses it: in a NetworkPolicy rule an empty
    // "from" means "from everywhere".
    @Size(min = 1)
    @JsonPropertyDescription("Who else may reach the REST port (health, status, metrics), as NetworkPolicy peers"
            + " (podSelector, namespaceSelector, both, or ipBlock), e.g. [{namespaceSelector: {matchLabels:"
            + " {kubernetes.io/metadata.name: monitoring}}, podSelector: {matchLabels: {app.kubernetes.io/name:"
            + " prometheus}}}]; they are put into the pair's NetworkPolicy. Unset: only pods of the pair's namespace.")
    private List<NetworkPolicyPeer> scrapeFrom;

    /** Null when no PodMonitor is asked for. */
    public PodMonitorSpec getPodMonitor() {
        return podMonitor;
    }

    public void setPodMonitor(PodMonitorSpec podMonitor) {
        this.podMonitor = podMonitor;
    }

    /** Null when only the pair's namespace may scrape. */
    public List<NetworkPolicyPeer> getScrapeFrom() {
        return scrapeFrom;
    }

    public void setScrapeFrom(List<NetworkPolicyPeer> scrapeFrom) {
        this.scrapeFrom = scrapeFrom;
    }
}
