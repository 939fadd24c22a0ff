package io.siha.node.rest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.node.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import io.siha.node.ha.LatencyHistogram;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RestServerTest {

    private static final NodeStatus PASSIVE = new NodeStatus("n-1", "passive", 4, false, false, 120, 20, 100, 0,
            100, true, 0, 0, new LatencyHistogram().snapshot(), -1, 0, 0,
            new NodeStatus.Memory(40 << 20, 512 << 20, null, 0), 0);
    private static final NodeStatus ACTIVE = new NodeStatus("n-0", "active", 5, true, true, 130, 0, 100, 7, 125,
            false, 130, 1, waits(300_000, 1_800_000, 40_000_000), 2_500, 7, 0,
            new NodeStatus.Memory(470 << 20, 512 << 20, "the apps' state outgrows this node's memory", 12), 31);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicReference<NodeStatus> status = new AtomicReference<>(PASSIVE);
    private final HttpServer server = RestServer.open(group, "127.0.0.1", 0, status::get);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
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
                .contains("\"degraded\":true").contains("\"lastPersistedSeq\":125");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body()).contains("# TYPE siha_active gauge").contains("siha_active{node=\"n-0\"} 1")
                .contains("siha_snapshot_revision{node=\"n-0\"} 7")
                .contains("siha_events_in_total{node=\"n-0\"} 130")
                .contains("# TYPE siha_ack_wait_seconds histogram")
                .contains("siha_ack_wait_seconds_bucket{node=\"n-0\",le=\"3.0E-4\"} 1")
                .contains("siha_ack_wait_seconds_bucket{node=\"n-0\",le=\"0.002\"} 2")
                .contains("siha_ack_wait_seconds_bucket{node=\"n-0\",le=\"+Inf\"} 3")
                .contains("siha_ack_wait_seconds_count{node=\"n-0\"} 3")
                .contains("siha_snapshot_age_milliseconds{node=\"n-0\"} 2500")
                .contains("siha_failed_snapshots_total{node=\"n-0\"} 7")
                .contains("siha_refusing_for_memory{node=\"n-0\"} 1")
                .contains("siha_refused_for_memory_events_total{node=\"n-0\"} 12")
                .contains("siha_outputs_pending{node=\"n-0\"} 31");
        assertThat(get("/v1/status").body()).contains("\"snapshotAgeMs\":2500").contains("\"failedSnapshots\":7")
                .contains("\"refusing\":\"the apps' state outgrows this node's memory\"");
        status.set(PASSIVE);
        assertThat(get("/metrics").body()).contains("siha_snapshot_age_milliseconds{node=\"n-1\"} -1")
                .contains("siha_refusing_for_memory{node=\"n-1\"} 0");
    }

    private static LatencyHistogram.Snapshot waits(long... nanos) {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long n : nanos) {
            histogram.record(n);
        }
        return histogram.snapshot();
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
