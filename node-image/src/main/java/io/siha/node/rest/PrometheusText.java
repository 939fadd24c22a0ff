package io.siha.node.rest;

import io.siha.node.ha.LatencyHistogram;

/** The node's status as Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {

    private PrometheusText() {
    }

    static String render(NodeStatus s) {
        StringBuilder out = new StringBuilder(1024);
        String labels = "{node=\"" + s.nodeId() + "\"}";
        gauge(out, "siha_active", "1 while this node is the active node", labels, s.role().equals("active") ? 1 : 0);
        gauge(out, "siha_ready", "1 while active with its ingest port open", labels, s.ready() ? 1 : 0);
        gauge(out, "siha_degraded", "1 while active without a passive in sync", labels, s.degraded() ? 1 : 0);
        gauge(out, "siha_epoch", "epoch of the current or last seen term", labels, s.epoch());
        gauge(out, "siha_last_sequence", "newest event sequence number processed or queued", labels, s.lastSeq());
        gauge(out, "siha_queue_depth", "events in the passive's queue", labels, s.queueDepth());
        gauge(out, "siha_queue_capacity", "bound of the passive's queue", labels, s.queueCapacity());
        gauge(out, "siha_snapshot_revision", "newest snapshot revision", labels, s.lastRevision());
        gauge(out, "siha_snapshot_sequence", "sequence number the newest snapshot covers", labels,
                s.lastPersistedSeq());
        gauge(out, "siha_peer_connected", "1 while the event sync connection is up", labels,
                s.peerConnected() ? 1 : 0);
        counter(out, "siha_events_in_total", "events accepted by this node", labels, s.eventsIn());
        counter(out, "siha_failed_takeovers_total", "takeover attempts abandoned", labels, s.failedTakeovers());
        gauge(out, "siha_snapshot_age_milliseconds", "time since the active wrote its last snapshot (-1: passive)",
                labels, s.snapshotAgeMs());
        counter(out, "siha_failed_snapshots_total", "snapshot writes that failed (each is retried)", labels,
                s.failedSnapshots());
        counter(out, "siha_lost_events_total", "acknowledged events found lost at a takeover (both nodes failed in turn)",
                labels, s.lostEvents());
        gauge(out, "siha_heap_live_bytes", "heap in use after the last garbage collection", labels,
                s.memory().liveAfterGcBytes());
        gauge(out, "siha_heap_max_bytes", "the heap's maximum", labels, s.memory().maxHeapBytes());
        gauge(out, "siha_refusing_for_memory", "1 while new events are refused because the state outgrows the heap",
                labels, s.memory().refusing() == null ? 0 : 1);
        counter(out, "siha_refused_for_memory_events_total", "events refused because the state outgrows the heap",
                labels, s.memory().refusedEvents());
        gauge(out, "siha_outputs_pending", "outputs of the apps' sinks waiting for their receivers", labels,
                s.outputsPending());
        histogram(out, "siha_ack_wait_seconds", "time an acknowledgement waited for the passive to hold its"
                + " events (or, degraded, for a snapshot)", s.nodeId(), s.ackWait());
        return out.toString();
    }

    private static void histogram(StringBuilder out, String name, String help, String nodeId,
                                  LatencyHistogram.Snapshot h) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" histogram\n");
        long[] bounds = LatencyHistogram.Snapshot.bucketBoundsMicros();
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += h.counts()[i];
            out.append(name).append("_bucket{node=\"").append(nodeId).append("\",le=\"")
                    .append(bounds[i] / 1e6).append("\"} ").append(cumulative).append('\n');
        }
        out.append(name).append("_bucket{node=\"").append(nodeId).append("\",le=\"+Inf\"} ").append(h.count())
                .append('\n')
                .append(name).append("_sum{node=\"").append(nodeId).append("\"} ").append(h.sumMicros() / 1e6)
                .append('\n')
                .append(name).append("_count{node=\"").append(nodeId).append("\"} ").append(h.count()).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, String labels, long value) {
        metric(out, "gauge", name, help, labels, value);
    }

    private static void counter(StringBuilder out, String name, String help, String labels, long value) {
        metric(out, "counter", name, help, labels, value);
    }

    private static void metric(StringBuilder out, String type, String name, String help, String labels, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(labels).append(' ').append(value).append('\n');
    }
}
