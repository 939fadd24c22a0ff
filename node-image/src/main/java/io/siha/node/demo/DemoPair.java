package io.siha.node.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every demo runs on: an embedded PostgreSQL in the work directory and two node processes on loopback running the
 * apps of {@code apps}, logging to {@code demo-0.log} and {@code demo-1.log}; started and whole (one active, its passive
 * connected) once made. Closing it stops the nodes and the database.
 */
final class DemoPair implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final List<LocalNode> nodes;
    private final LocalNode firstActive;

    private DemoPair(EmbeddedPostgres postgres, List<LocalNode> nodes, LocalNode firstActive) {
        this.postgres = postgres;
        this.nodes = nodes;
        this.firstActive = firstActive;
    }

    static DemoPair start(Path work, Path apps, DemoTimeline timeline) throws IOException, InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pgdata")).setCleanDataDirectory(true).start();
        List<LocalNode> nodes = List.of();
        try {
            timeline.say("embedded PostgreSQL up on port %d", postgres.getPort());
            Map<String, String> common = PairEnvironment.of("demo",
                    "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "postgres", apps)
                    .persistEveryMs(2_000).toMap();
            nodes = List.of(new LocalNode("demo-0", common, work.resolve("demo-0.log")),
                    new LocalNode("demo-1", common, work.resolve("demo-1.log")));
            nodes.forEach(LocalNode::start);
            LocalNode active = LocalNode.awaitActive(nodes, Duration.ofSeconds(60));
            LocalNode passive = nodes.get(0) == active ? nodes.get(1) : nodes.get(0);
            timeline.say("%s is ACTIVE (epoch %d), %s is passive", active.id(), active.status().orElseThrow()
                    .path("epoch").asLong(), passive.id());
            LocalNode.awaitActiveWithPassive(nodes, Duration.ofSeconds(30));
            timeline.say("%s replicates every event to %s before acknowledging it", active.id(), passive.id());
            return new DemoPair(postgres, nodes, active);
        } catch (IOException | InterruptedException | RuntimeException e) {
            nodes.forEach(LocalNode::stop);
            postgres.close();
            throw e;
        }
    }

    List<LocalNode> nodes() {
        return nodes;
    }

    /** The node that was active once the pair was whole. */
    LocalNode firstActive() {
        return firstActive;
    }

    LocalNode other(LocalNode node) {
        return nodes.get(0) == node ? nodes.get(1) : nodes.get(0);
    }

    @Override
    public void close() throws IOException {
        nodes.forEach(LocalNode::stop);
        postgres.close();
    }
}
