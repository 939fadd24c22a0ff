package io.siha.node.testing;

import io.siha.api.NodeEnv;
import io.siha.client.Transport;
import io.siha.node.demo.Demo;
import io.siha.node.demo.FailoverClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.NodeLauncher;
import io.siha.node.demo.PairEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two real node processes of one pair on the shared test PostgreSQL, running the demo's counting app, with a
 * failover client (SiHaClient on the binary ingest ports) pointed at both. Logs go to target/node-logs/GROUP-N.log.
 */
public final class LocalPair implements AutoCloseable {

    /** The counting app's file; {@link Builder#app} with this name replaces the app (keeping its name and stream). */
    public static final String COUNTING_APP_FILE = "counter.siddhi";

    private final List<LocalNode> nodes;
    private final FailoverClient client;

    public LocalPair(String group, long heartbeatMs, long persistIntervalMs) {
        this(group, heartbeatMs, persistIntervalMs, Map.of());
    }

    /** With {@code extraEnv} on top of the pair's environment (e.g. SIHA_SYNC_ACK_AFTER_PASSIVE=false). */
    public LocalPair(String group, long heartbeatMs, long persistIntervalMs, Map<String, String> extraEnv) {
        this(builder(group).heartbeatMs(heartbeatMs).persistIntervalMs(persistIntervalMs).env(extraEnv));
    }

    private LocalPair(Builder b) {
        try {
            Path logs = Files.createDirectories(Path.of("target", "node-logs"));
            Path apps = Files.createTempDirectory("siha-apps");
            Files.writeString(apps.resolve(COUNTING_APP_FILE), Demo.SAMPLE_APP);
            for (Map.Entry<String, String> app : b.extraApps.entrySet()) {
                Files.writeString(apps.resolve(app.getKey()), app.getValue());
            }
            TestDatabase db = b.database != null ? b.database : TestDatabase.shared();
            Map<String, String> env = PairEnvironment.of(b.group, db.jdbcUrl(), TestDatabase.USER,
                            TestDatabase.PASSWORD, apps)
                    .with(NodeEnv.HEARTBEAT_INTERVAL_MS, String.valueOf(b.heartbeatMs))
                    .persistEveryMs(b.persistIntervalMs)
                    .with(b.env)
                    .toMap();
            List<LocalNode> made = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Map<String, String> nodeEnv = new HashMap<>(env);
                nodeEnv.putAll(b.nodeEnv.get(i));
                Path log = logs.resolve(b.group + "-" + i + ".log");
                Files.deleteIfExists(log); // this pair's nodes append to it across restarts, an earlier run's do not
                made.add(new LocalNode(b.group + "-" + i, nodeEnv, log)
                        .classPath(NodeClassArchive.ofThisBuild().classPath())
                        .jvmOptions(NodeClassArchive.ofThisBuild().jvmOptions(b.jvmOptions)));
            }
            nodes = List.copyOf(made);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = newClient();
    }

    public static Builder builder(String group) {
        return new Builder(group);
    }

    /**
     * A pair with per-node environment, e.g. each node's database URL through its own {@link TcpProxy}, or a
     * sync port behind a proxy ({@code SIHA_SYNC_PORT} bound, {@code SIHA_ADVERTISED_SYNC_PORT} advertised).
     */
    public static final class Builder {
        private final String group;
        private long heartbeatMs = 200;
        private long persistIntervalMs = 300;
        private TestDatabase database;
        private final Map<String, String> env = new HashMap<>();
        private final List<Map<String, String>> nodeEnv = List.of(new HashMap<>(), new HashMap<>());
        private final Map<String, String> extraApps = new HashMap<>();
        private List<String> jvmOptions = NodeLauncher.QUICK_START_JVM;

        private Builder(String group) {
            this.group = group;
        }

        public Builder heartbeatMs(long millis) {
            heartbeatMs = millis;
            return this;
        }

        public Builder persistIntervalMs(long millis) {
            persistIntervalMs = millis;
            return this;
        }

        /** The database the pair's URLs point at by default (the shared one unless set). */
        public Builder database(TestDatabase db) {
            database = db;
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Environment for node {@code index} (0 or 1) only, over the common one. */
        public Builder nodeEnv(int index, String name, String value) {
            nodeEnv.get(index).put(name, value);
            return this;
        }

        /** Another Siddhi app next to the counting one, as file {@code fileName} of the apps directory. */
        public Builder app(String fileName, String siddhiApp) {
            extraApps.put(fileName, siddhiApp);
            return this;
        }

        /** The nodes' JVM options instead of the quick-start ones (the node always exits on OutOfMemoryError). */
        public Builder jvmOptions(List<String> options) {
            jvmOptions = List.copyOf(options);
            return this;
        }

        public LocalPair build() {
            return new LocalPair(this);
        }
    }

    /**
     * A new failover client over both nodes' binary ingest ports (one per sending thread: it reports the node of the
     * latest acknowledgement); the caller closes it.
     */
    public FailoverClient newClient() {
        return newClient(Transport.BINARY);
    }

    public FailoverClient newClient(Transport transport) {
        return new FailoverClient(nodes, transport, Duration.ofSeconds(60));
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
        return LocalNode.awaitActiveWithPassive(nodes, timeout);
    }

    /** A SIGKILL failover: the pair's active once it is whole again, and the time from the kill to its peer serving. */
    public record Failover(LocalNode active, long killToServingMs) {
    }

    /**
     * SIGKILLs {@code active}, waits until its peer serves, restarts the killed node (as the kubelet would) and waits
     * until the pair is whole again.
     */
    public Failover failOver(LocalNode active) throws InterruptedException {
        long killed = System.nanoTime();
        active.kill();
        LocalNode.awaitActive(List.of(other(active)), Duration.ofSeconds(60));
        long millis = (System.nanoTime() - killed) / 1_000_000;
        active.start();
        return new Failover(awaitWhole(Duration.ofSeconds(60)), millis);
    }

    /** The counting app's total on the active node. */
    public long counted() throws InterruptedException {
        return client.counted();
    }

    @Override
    public void close() {
        client.close();
        nodes.forEach(LocalNode::kill);
    }
}
