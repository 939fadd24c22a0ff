package io.siha.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Prometheus process scraping the given targets every second, evaluating the given rule files every second,
 * and its HTTP API. Each target comes with the labels a Kubernetes scrape would add ({@code namespace}, {@code pod}),
 * since the alerts and the dashboard group by them; Prometheus adds {@code job} and {@code instance}.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One scrape target: the job it belongs to, {@code host:port}, the path of its metrics, and its target labels. */
    public record Target(String job, String address, String metricsPath, Map<String, String> labels) {
    }

    private final Process process;
    private final String url;
    private final Path directory;

    private PrometheusServer(Process process, String url, Path directory) {
        this.process = process;
        this.url = url;
        this.directory = directory;
    }

    public static PrometheusServer start(Path binary, List<Target> targets, List<Path> ruleFiles) throws IOException {
        Path directory = Files.createTempDirectory("siha-prometheus");
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, config(targets, ruleFiles));
        int port = FreePort.find();
        Path log = Files.createDirectories(Path.of("target")).resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port, directory);
        server.awaitReady(Duration.ofSeconds(30));
        return server;
    }

    private static String config(List<Target> targets, List<Path> ruleFiles) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                """);
        ruleFiles.forEach(file -> yaml.append("  - ").append(file.toAbsolutePath()).append('\n'));
        yaml.append("scrape_configs:\n");
        // One scrape config per job; its targets share the first one's path.
        Map<String, List<Target>> jobs = targets.stream().collect(Collectors.groupingBy(Target::job,
                java.util.LinkedHashMap::new, Collectors.toList()));
        jobs.forEach((job, members) -> {
            yaml.append("  - job_name: '").append(job).append("'\n    metrics_path: '")
                    .append(members.get(0).metricsPath()).append("'\n    static_configs:\n");
            for (Target target : members) {
                yaml.append("      - targets: ['").append(target.address()).append("']\n        labels: {")
                        .append(target.labels().entrySet().stream().map(e -> e.getKey() + ": '" + e.getValue() + "'")
                                .collect(Collectors.joining(", ")))
                        .append("}\n");
            }
        });
        return yaml.toString();
    }

    private void awaitReady(Duration timeout) {
        Awaitility.await("prometheus ready (see target/prometheus.log)").atMost(timeout)
                .pollInterval(Duration.ofMillis(200)).until(this::ready);
    }

    private boolean ready() throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("prometheus exited with " + process.exitValue()
                    + "; see target/prometheus.log");
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(1))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** {@code GET /api/v1/<path>?<params>}'s {@code data}; fails on an API error. */
    public JsonNode api(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/" + path
                    + (query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("prometheus answered " + response.statusCode() + " to " + path
                        + " " + params + ": " + body.path("error").asText(response.body()));
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The result of an instant query now. */
    public JsonNode query(String promql) {
        return api("query", Map.of("query", promql)).path("result");
    }

    /** The label sets of every series of {@code metric} seen in the last few minutes. */
    public JsonNode series(String metric) {
        return api("series", Map.of("match[]", metric));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
