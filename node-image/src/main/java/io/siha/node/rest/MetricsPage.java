package io.siha.node.rest;

import io.siha.node.metrics.NodeMetrics;

/** {@code /metrics}: the node's registry as Prometheus text, its status gauges read from the status of the moment. */
public final class MetricsPage {

    private final NodeMetrics metrics;
    private final StatusGauges gauges;

    /** Registers the status gauges on {@code metrics}. */
    public MetricsPage(NodeMetrics metrics) {
        this.metrics = metrics;
        this.gauges = new StatusGauges(metrics.registry());
    }

    public String render(NodeStatus now) {
        gauges.refresh(now);
        return metrics.scrape();
    }
}
