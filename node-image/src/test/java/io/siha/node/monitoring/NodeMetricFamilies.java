package io.siha.node.monitoring;

import io.siha.node.metrics.NodeMeters;
import io.siha.node.metrics.NodeMetrics;
import io.siha.node.rest.MetricsPage;
import io.siha.node.rest.NodeStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's own metric families ({@code siha_*}) and their Prometheus types, read from a scrape of the registry a node
 * builds, with one of each labelled series made to exist (a sink, a stream, a takeover step).
 */
final class NodeMetricFamilies {

    private static final Pattern TYPE = Pattern.compile("^# TYPE (siha_[a-z0-9_]+) ([a-z]+)$", Pattern.MULTILINE);

    private NodeMetricFamilies() {
    }

    /**
     * Family name to type. A timer's {@code _max} gauge is folded into its histogram: it is part of the histogram to
     * a reader, listed with it.
     */
    static Map<String, String> scraped() {
        try (NodeMetrics metrics = NodeMetrics.create("orders", "orders-0")) {
            NodeMeters meters = NodeMeters.on(metrics.registry());
            meters.sinks().forSink("Counter", "Alerts", "http");
            meters.eventsIn().expectPorts(Map.of("Counter", Set.of("Orders")));
            meters.takeovers().expectStep("claim_fence");
            meters.takeovers().expectApps(List.of("Counter"));
            String text = new MetricsPage(metrics).render(new NodeStatus("orders-0", "passive", 0, false, false, 0, 0,
                    100, 0, 0, false, 0, 0, meters.ackWait().distribution(), -1, 0, 0,
                    new NodeStatus.Memory(0, 0, null, 0), 0, 0, NodeStatus.PersistedState.NONE,
                    NodeStatus.Standby.COLD));
            Map<String, String> families = new TreeMap<>();
            Matcher m = TYPE.matcher(text);
            while (m.find()) {
                families.put(m.group(1), m.group(2));
            }
            families.keySet().removeIf(name -> name.endsWith("_max")
                    && "histogram".equals(families.get(name.substring(0, name.length() - "_max".length()))));
            return families;
        }
    }
}
