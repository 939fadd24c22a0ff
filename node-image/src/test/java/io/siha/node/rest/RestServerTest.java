package io.siha.node.rest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.node.http.HttpServer;
import io.siha.node.metrics.AckWaitMeter;
import io.siha.node.metrics.LatencyDistribution;
import io.siha.node.metrics.NodeMeters;
import io.siha.node.metrics.NodeMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RestServerTest {

    private static final NodeStatus PASSIVE = new NodeStatus("n-0", "passive", 4, false, false, 120, 20, 100, 0,
            100, true, 0, 0, waits(), -1, 0, 0, new NodeStatus.Memory(40 << 20, 512 << 20, null, 0), 0, 0,
            NodeStatus.PersistedState.NONE, NodeStatus.Standby.COLD);
    private static final NodeStatus ACTIVE = new NodeStatus("n-0", "active", 5, true, true, 130, 0, 100, 7, 125,
            false, 130, 1, waits(300_000, 1_800_000, 40_000_000), 2_500, 7, 0,
            new NodeStatus.Memory(470 << 20, 512 << 20, "the apps' state outgrows this node's memory", 12), 31, 4_200,
            NodeStatus.PersistedState.NONE, NodeStatus.Standby.COLD);
    private static final String LABELS = "{node=\"n-0\",siha_cluster=\"orders\"}";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicReference<NodeStatus> status = new AtomicReference<>(PASSIVE);
    private final NodeMetrics metrics = NodeMetrics.create("orders", "n-0");
    private final HttpServer server = RestServer.open(group, "127.0.0.1", 0, status::get, new MetricsPage(metrics));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
        metrics.close();
        group.shutdownGracefully();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersOnBothRolesAndReadinessOnlyOnAReadyActive() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        assertThat(get("/readyz").body()).isEqualTo("passive\n");
        status.set(ACTIVE);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void statusIsJsonAndMetricsArePrometheusText() throws Exception {
        status.set(ACTIVE);
        assertThat(get("/v1/status").body()).contains("\"role\":\"active\"").contains("\"epoch\":5")
                .contains("\"degraded\":true").contains("\"lastPersistedSeq\":125").contains("\"applyBacklog\":4200");
        HttpResponse<String> scrape = get("/metrics");
        assertThat(scrape.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        assertThat(scrape.body()).contains("# TYPE siha_active gauge").contains("siha_active" + LABELS + " 1.0")
                .contains("siha_epoch" + LABELS + " 5.0")
                .contains("siha_snapshot_revision" + LABELS + " 7.0")
                .contains("siha_snapshot_age_seconds" + LABELS + " 2.5")
                .contains("siha_refusing_for_memory" + LABELS + " 1.0")
                .contains("siha_refused_for_memory_events_total" + LABELS + " 12.0")
                .contains("siha_outputs_pending" + LABELS + " 31.0")
                .contains("siha_apply_backlog" + LABELS + " 4200.0")
                .contains("siha_heap_live_bytes" + LABELS + " " + (double) (470 << 20));
        assertThat(get("/v1/status").body()).contains("\"snapshotAgeMs\":2500").contains("\"failedSnapshots\":7")
                .contains("\"refusing\":\"the apps' state outgrows this node's memory\"")
                .contains("\"ackWait\":{\"boundsMicros\":[50,100,").contains("\"p50Micros\":");
        status.set(PASSIVE);
        assertThat(get("/metrics").body()).contains("siha_snapshot_age_seconds" + LABELS + " -1.0")
                .contains("siha_refusing_for_memory" + LABELS + " 0.0").contains("siha_active" + LABELS + " 0.0")
                .contains("siha_queue_depth" + LABELS + " 20.0");
    }

    @Test
    void theJvmAndTheProcessAreMeasuredToo() throws Exception {
        assertThat(get("/metrics").body()).contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("jvm_gc_").contains("jvm_threads_live_threads").contains("process_cpu_usage")
                .contains("process_uptime_seconds").contains("netty_allocator_memory_used");
    }

    @Test
    void bucketBoundsAreWrittenAsPlainDecimals() throws Exception {
        NodeMeters.on(metrics.registry()).ackWait().record(300_000);
        String body = get("/metrics").body();
        assertThat(body).contains("siha_ack_wait_seconds_bucket{node=\"n-0\",siha_cluster=\"orders\",le=\"0.00005\"} 0")
                .contains("le=\"0.0003\"} 1").contains("le=\"0.002\"} 1").contains("le=\"+Inf\"} 1")
                .doesNotContainPattern("le=\"[^\"]*E");
    }

    private static LatencyDistribution waits(long... nanos) {
        AckWaitMeter meter = NodeMeters.unscraped().ackWait();
        for (long n : nanos) {
            meter.record(n);
        }
        return meter.distribution();
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/healthz")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
