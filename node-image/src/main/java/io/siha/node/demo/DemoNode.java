package io.siha.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siha.api.NodeEndpoints;
import io.siha.api.NodeEnv;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One node of the demo pair: its ports on loopback, its process, and a look at its status. */
final class DemoNode {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();

    final String id;
    private final int restPort;
    private final int ingestPort;
    private final Map<String, String> env = new HashMap<>();
    private final Path log;
    private Process process;

    DemoNode(String id, Map<String, String> common, Path log) throws IOException {
        this.id = id;
        this.log = log;
        this.restPort = freePort();
        this.ingestPort = freePort();
        env.putAll(common);
        env.put(NodeEnv.NODE_ID, id);
        env.put(NodeEnv.REST_PORT, String.valueOf(restPort));
        env.put(NodeEnv.HTTP_INGEST_PORT, String.valueOf(ingestPort));
        env.put(NodeEnv.SYNC_PORT, String.valueOf(freePort()));
        env.put(NodeEnv.BINARY_INGEST_PORT, String.valueOf(freePort()));
    }

    void start() {
        process = NodeLauncher.start(env, log, "run");
    }

    void kill() {
        NodeLauncher.kill(process);
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    Path log() {
        return log;
    }

    /** The node's {@code /v1/status}, or empty while it does not answer. */
    Optional<JsonNode> status() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + restPort + NodeEndpoints.STATUS))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    boolean isReadyActive() {
        return status().map(s -> s.path("ready").asBoolean()).orElse(false);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
