package io.siha.node.bench;

import io.siha.api.NodeEnv;
import io.siha.node.demo.Demo;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.PairEnvironment;
import io.siha.node.engine.AppSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded PostgreSQL every measured setup shares, and the node processes and apps of each setup: a fresh cluster
 * group and apps directory per setup, so no lease or snapshot of one carries into the next, and an app with an HTTP
 * source or sink runs only in the setup that feeds or reads it.
 */
final class BenchCluster implements AutoCloseable {

    /** The nodes get the full JIT and room to work: throughput is what is measured. */
    private static final List<String> NODE_JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC");

    /** The apps of the throughput and latency setups: the two bench apps and the demo's counting app. */
    static final List<AppSource> STANDARD_APPS = List.of(BenchApps.FILTER.source(), BenchApps.WINDOW.source(),
            new AppSource("counter.siddhi", Demo.SAMPLE_APP));

    private final Path work;
    private final EmbeddedPostgres postgres;
    /** Where each node's flight recording goes; empty: no recording. */
    private final Optional<Path> recordings;
    private int setups;

    private BenchCluster(Path work, EmbeddedPostgres postgres, Optional<Path> recordings) {
        this.work = work;
        this.postgres = postgres;
        this.recordings = recordings;
    }

    static BenchCluster start(Path work, Optional<Path> recordings) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pgdata"))
                .setCleanDataDirectory(true).start();
        return new BenchCluster(work, postgres, recordings);
    }

    /**
     * {@code count} nodes (1 or 2) of a new group, started; the caller waits for the roles it needs.
     *
     * @param persistEveryMs  the snapshot interval: what the passive replays at a takeover grows with it
     * @param ackAfterPassive whether acknowledgements wait for the passive (the HA setting)
     * @param appSources      the apps both nodes run
     */
    List<LocalNode> startNodes(String name, int count, long heartbeatMs, int maxRetries, long persistEveryMs,
                               boolean ackAfterPassive, List<AppSource> appSources) throws IOException {
        return startNodes(name, count, heartbeatMs, maxRetries, persistEveryMs, ackAfterPassive, appSources, Map.of());
    }

    /** The same, with {@code env} besides (the standby mode). */
    List<LocalNode> startNodes(String name, int count, long heartbeatMs, int maxRetries, long persistEveryMs,
                               boolean ackAfterPassive, List<AppSource> appSources, Map<String, String> extraEnv)
            throws IOException {
        return startNodes(name, count, heartbeatMs, maxRetries, persistEveryMs, ackAfterPassive, appSources, extraEnv,
                NODE_JVM);
    }

    /** The same, with the nodes' JVM options instead of the throughput setups' (a larger heap for large state). */
    List<LocalNode> startNodes(String name, int count, long heartbeatMs, int maxRetries, long persistEveryMs,
                               boolean ackAfterPassive, List<AppSource> appSources, Map<String, String> extraEnv,
                               List<String> nodeJvm) throws IOException {
        String group = "bench-" + (++setups) + "-" + name;
        Path apps = Files.createDirectories(work.resolve(group + "-apps"));
        for (AppSource app : appSources) {
            Files.writeString(apps.resolve(app.fileName()), app.siddhi());
        }
        PairEnvironment env = PairEnvironment.of(group,
                        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "postgres",
                        apps)
                .heartbeat(heartbeatMs, maxRetries)
                .persistEveryMs(persistEveryMs)
                .with(NodeEnv.SYNC_ACK_AFTER_PASSIVE, String.valueOf(ackAfterPassive))
                .with(extraEnv);
        List<LocalNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = group + "-" + i;
            List<String> jvm = new ArrayList<>(nodeJvm);
            recordings.ifPresent(dir -> jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + dir.resolve(id + ".jfr").toAbsolutePath()));
            LocalNode node = new LocalNode(id, env.toMap(), work.resolve(id + ".log")).jvmOptions(jvm);
            node.start();
            nodes.add(node);
        }
        return nodes;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
