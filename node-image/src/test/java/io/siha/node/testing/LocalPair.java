package io.siha.node.testing;

import io.siha.api.NodeEnv;
import io.siha.node.demo.Demo;
import io.siha.node.demo.FailoverClient;
import io.siha.node.demo.LocalNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two real node processes of one pair on the shared test PostgreSQL, running the demo's counting app, with a
 * failover client pointed at both. Logs go to target/node-logs/GROUP-N.log.
 */
public final class LocalPair implements AutoCloseable {

    private final List<LocalNode> nodes;
    private final FailoverClient client;

    public LocalPair(String group, long heartbeatMs, long persistIntervalMs) {
        this(group, heartbeatMs, persistIntervalMs, Map.of());
    }

    /** With {@code extraEnv} on top of the pair's environment (e.g. SIHA_SYNC_ACK_AFTER_PASSIVE=false). */
    public LocalPair(String group, long heartbeatMs, long persistIntervalMs, Map<String, String> extraEnv) {
        try {
            Path logs = Files.createDirectories(Path.of("target", "node-logs"));
            Path apps = Files.createTempDirectory("siha-apps");
            Files.writeString(apps.resolve("counter.siddhi"), Demo.SAMPLE_APP);
            TestDatabase db = TestDatabase.shared();
            Map<String, String> env = new HashMap<>();
            env.put(NodeEnv.CLUSTER_GROUP, group);
            env.put(NodeEnv.CLUSTER_DB_URL, db.jdbcUrl());
            env.put(NodeEnv.DB_USER, TestDatabase.USER);
            env.put(NodeEnv.DB_PASSWORD, TestDatabase.PASSWORD);
            env.put(NodeEnv.ADVERTISED_HOST, "127.0.0.1");
            env.put(NodeEnv.BIND_HOST, "127.0.0.1");
            env.put(NodeEnv.SYNC_SECRET, UUID.randomUUID().toString());
            env.put(NodeEnv.APPS_DIR, apps.toString());
            env.put(NodeEnv.HEARTBEAT_INTERVAL_MS, String.valueOf(heartbeatMs));
            env.put(NodeEnv.PERSISTENCE_INTERVAL_MS, String.valueOf(persistIntervalMs));
            env.putAll(extraEnv);
            nodes = List.of(new LocalNode(group + "-0", env, logs.resolve(group + "-0.log")),
                    new LocalNode(group + "-1", env, logs.resolve(group + "-1.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new FailoverClient(nodes.stream().map(LocalNode::ingestUrl).toList(), Duration.ofSeconds(60));
    }

    public LocalPair start() {
        nodes.forEach(LocalNode::start);
        return this;
    }

    public List<LocalNode> nodes() {
        return nodes;
    }

    public FailoverClient client() {
        return client;
    }

    public LocalNode awaitActive() throws InterruptedException {
        return LocalNode.awaitActive(nodes, Duration.ofSeconds(60));
    }

    public LocalNode other(LocalNode node) {
        return nodes.get(0) == node ? nodes.get(1) : nodes.get(0);
    }

    /** Waits until one node is active with the other connected as its passive; returns the active. */
    public LocalNode awaitWhole(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (LocalNode node : nodes) {
                if (node.isActiveWithPassive()) {
                    return node;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the pair did not become whole within " + timeout.toSeconds() + " s");
    }

    /** The counting app's total on the active node. */
    public long counted() throws InterruptedException {
        var rows = client.query(Demo.APP, "from Totals select events");
        return rows.isEmpty() ? 0 : rows.get(0).get(0).asLong();
    }

    @Override
    public void close() {
        nodes.forEach(LocalNode::kill);
    }
}
