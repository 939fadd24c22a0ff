package io.siha.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siha.api.NodeEndpoints;
import io.siha.api.NodeEnv;
import io.siha.client.Transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A node process on this machine, as the demo and the process-level tests run it: its own free loopback ports,
 * the given common environment, a log file, and a look at its status on the REST port.
 */
public final class LocalNode {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();

    private final String id;
    private final int restPort;
    private final int ingestPort;
    private final int binaryIngestPort;
    private final Map<String, String> env = new HashMap<>();
    private final Path log;
    private List<String> jvmOptions = NodeLauncher.QUICK_START_JVM;
    private String classPath = NodeLauncher.ownClassPath();
    private Process process;

    public LocalNode(String id, Map<String, String> common, Path log) throws IOException {
        this.id = id;
        this.log = log;
        this.restPort = LoopbackPorts.free();
        this.ingestPort = LoopbackPorts.free();
        env.putAll(common);
        env.put(NodeEnv.NODE_ID, id);
        env.put(NodeEnv.REST_PORT, String.valueOf(restPort));
        env.put(NodeEnv.HTTP_INGEST_PORT, String.valueOf(ingestPort));
        // A given sync port is kept: a test binds it and puts a proxy in front (SIHA_ADVERTISED_SYNC_PORT).
        env.putIfAbsent(NodeEnv.SYNC_PORT, String.valueOf(LoopbackPorts.free()));
        this.binaryIngestPort = LoopbackPorts.free();
        env.put(NodeEnv.BINARY_INGEST_PORT, String.valueOf(binaryIngestPort));
    }

    /** The CPU time the node's current process used so far; empty when not running or the OS does not say. */
    public Optional<Duration> cpuTime() {
        Process current = process;
        return current == null || !current.isAlive() ? Optional.empty()
                : current.toHandle().info().totalCpuDuration();
    }

    /** The JVM options of the node's process from its next start on ({@link NodeLauncher#QUICK_START_JVM}). */
    public LocalNode jvmOptions(List<String> options) {
        jvmOptions = List.copyOf(options);
        return this;
    }

    /** The class path of the node's process from its next start on (this JVM's own by default). */
    public LocalNode classPath(String path) {
        classPath = path;
        return this;
    }

    public String id() {
        return id;
    }

    /** Starts (or restarts, after a kill) the node's process. */
    public void start() {
        process = NodeLauncher.start(env, log, jvmOptions, classPath, "run");
    }

    /** SIGKILL. */
    public void kill() {
        if (process != null) {
            NodeLauncher.kill(process);
        }
    }

    /** SIGTERM: a planned handover if the node is active; waits until the process has exited. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    /** {@code host:port} of the binary ingest port. */
    public String binaryIngestAddress() {
        return "127.0.0.1:" + binaryIngestPort;
    }

    /** {@code host:port} of the ingest port of {@code transport}: what a {@link io.siha.client.SiHaClient} is given. */
    public String ingestAddress(Transport transport) {
        return "127.0.0.1:" + ingestPort(transport);
    }

    public int ingestPort(Transport transport) {
        return transport == Transport.BINARY ? binaryIngestPort : ingestPort;
    }

    /** The REST port's base URL (health, status, metrics). */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public Path log() {
        return log;
    }

    /** The node's {@code /v1/status}, or empty while it does not answer. */
    public Optional<JsonNode> status() {
        return json(HttpRequest.newBuilder(URI.create(restUrl() + NodeEndpoints.STATUS))
                .timeout(Duration.ofSeconds(2)).build());
    }

    /** A Siddhi on-demand query's rows, or empty unless the node answers it (only the active does). */
    public Optional<JsonNode> query(String app, String storeQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingestUrl() + "/v1/apps/" + app + "/query"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(storeQuery, StandardCharsets.UTF_8));
        ingestToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return json(request.build());
    }

    /** The bearer token the node's ingest ports ask for ({@code SIHA_INGEST_TOKEN} in its environment), if any. */
    public Optional<String> ingestToken() {
        return Optional.ofNullable(env.get(NodeEnv.INGEST_TOKEN)).filter(token -> !token.isEmpty());
    }

    private static Optional<JsonNode> json(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public boolean isReadyActive() {
        return status().map(s -> s.path("ready").asBoolean()).orElse(false);
    }

    /** Active with its passive connected and replicating. */
    public boolean isActiveWithPassive() {
        return status().map(s -> s.path("ready").asBoolean() && s.path("peerConnected").asBoolean()).orElse(false);
    }

    /** Waits until one of {@code nodes} is active with its ingest port open. */
    public static LocalNode awaitActive(List<LocalNode> nodes, Duration timeout) throws InterruptedException {
        return awaitFirst(nodes, LocalNode::isReadyActive, timeout, "no node became active");
    }

    /** Waits until one of {@code nodes} is active with the other connected as its passive; returns the active. */
    public static LocalNode awaitActiveWithPassive(List<LocalNode> nodes, Duration timeout)
            throws InterruptedException {
        return awaitFirst(nodes, LocalNode::isActiveWithPassive, timeout, "the pair did not become whole");
    }

    private static LocalNode awaitFirst(List<LocalNode> nodes, Predicate<LocalNode> condition, Duration timeout,
                                        String failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (LocalNode node : nodes) {
                if (condition.test(node)) {
                    return node;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(failure + " within " + timeout.toSeconds() + " s; see "
                + nodes.stream().map(n -> n.log().toString()).toList());
    }
}
