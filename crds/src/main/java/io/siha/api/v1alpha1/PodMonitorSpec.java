package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

import java.util.Map;

/** What the operator's PodMonitor of the pair may differ in: how often it is scraped, and the labels it carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodMonitorSpec {

    /**
     * A Prometheus duration, as the Prometheus Operator's CRDs write it (e.g. 30s, 1m30s); it also matches the empty
     * string, which a minimum length refuses (the API server's regular expressions have no lookahead). The operator
     * checks it again with the same expression, for a server without schema validation.
     */
    public static final String DURATION = "^((([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?"
            + "(([0-9]+)s)?(([0-9]+)ms)?|0)$";

    @Pattern(DURATION)
    @Size(min = 1)
    @JsonPropertyDescription("How often Prometheus scrapes the nodes, a Prometheus duration such as 30s or 1m. Unset:"
            + " the Prometheus' own scrape interval.")
    private String interval;

    @JsonPropertyDescription("Labels of the PodMonitor, e.g. the one your Prometheus selects PodMonitors by (release:"
            + " kube-prometheus-stack). Keys starting siha.io/ and the operator's app.kubernetes.io/name, instance and"
            + " managed-by are refused.")
    private Map<String, String> labels;

    /** Null when Prometheus' own interval applies. */
    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    /** Null when the PodMonitor carries only the operator's labels. */
    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
