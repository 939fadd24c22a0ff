package io.siha.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.client.ClientEvent;
import io.siha.client.Transport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code si-ha-node.jar demo}: the HA pair on one machine. Starts an embedded PostgreSQL and two node processes
 * on loopback, sends events through {@link io.siha.client.SiHaClient} on the binary ingest ports (it fails over between
 * the nodes by itself), kills the active with SIGKILL midway, keeps sending, and checks the sample app's count against
 * what was acknowledged.
 */
public final class Demo {

    public static final String APP = "Counter";
    public static final String STREAM = "Orders";
    public static final String SAMPLE_APP = """
            @app:name('Counter')
            @app:description('Counts orders and sums their amounts; the count must equal the acknowledged events.')
            define stream Orders (region string, amount long);
            define table Totals (region string, events long, total long);

            @info(name = 'count-orders')
            from Orders
            select region, count() as events, sum(amount) as total
            group by region
            update or insert into Totals
              set Totals.events = events, Totals.total = total
              on Totals.region == region;
            """;

    /** The counting app's total: one row holding the events counted (none before the first event). */
    public static final String COUNT_QUERY = "from Totals select events";

    private final DemoOptions options;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The demo's outcome, printed as its last line once everything it started has stopped. */
    record Result(int sent, int acked, long counted, long failoverMs) {

        long lost() {
            return Math.max(0, acked - counted);
        }

        long duplicated() {
            return Math.max(0, counted - sent);
        }

        String line() {
            return String.format("RESULT sent=%d acked=%d counted=%d lost=%d duplicated=%d failover_ms=%d", sent,
                    acked, counted, lost(), duplicated(), failoverMs);
        }
    }

    /** The total in the rows of {@link #COUNT_QUERY}. */
    public static long countIn(JsonNode rows) {
        return rows.isEmpty() ? 0 : rows.get(0).get(0).asLong();
    }

    /** Runs the demo; returns the process exit code (0 when nothing acknowledged was lost or counted twice). */
    public int run() throws Exception {
        Result result = runInWorkDirectory();
        out.println(result.line());
        return result.lost() == 0 && result.duplicated() == 0 ? 0 : 1;
    }

    private Result runInWorkDirectory() throws Exception {
        Path work = Files.createTempDirectory("si-ha-demo");
        Path apps = Files.createDirectories(work.resolve("apps"));
        Files.writeString(apps.resolve("counter.siddhi"), SAMPLE_APP);
        say("si-ha demo: %d events, SIGKILL of the active after %d; logs in %s", options.events(),
                options.killAt(), work);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pgdata")).setCleanDataDirectory(true).start()) {
            say("embedded PostgreSQL up on port %d", postgres.getPort());
            Map<String, String> common = PairEnvironment.of("demo",
                    "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "postgres", apps)
                    .persistEveryMs(2_000).toMap();
            List<LocalNode> nodes = List.of(new LocalNode("demo-0", common, work.resolve("demo-0.log")),
                    new LocalNode("demo-1", common, work.resolve("demo-1.log")));
            try {
                return runPair(nodes);
            } finally {
                nodes.forEach(LocalNode::stop);
            }
        }
    }

    private Result runPair(List<LocalNode> nodes) throws Exception {
        nodes.forEach(LocalNode::start);
        LocalNode active = LocalNode.awaitActive(nodes, Duration.ofSeconds(60));
        LocalNode passive = nodes.get(0) == active ? nodes.get(1) : nodes.get(0);
        say("%s is ACTIVE (epoch %d), %s is passive", active.id(), active.status().orElseThrow().path("epoch")
                .asLong(), passive.id());
        awaitPeerConnected(active, Duration.ofSeconds(30));
        say("%s replicates every event to %s before acknowledging it", active.id(), passive.id());

        try (FailoverClient client = new FailoverClient(nodes, Transport.BINARY, Duration.ofSeconds(60))) {
            return sendThroughAKill(client, active, passive);
        }
    }

    private Result sendThroughAKill(FailoverClient client, LocalNode active, LocalNode passive) throws Exception {
        int acked = 0;
        long killNanos = 0;
        long failoverMs = -1;
        for (int next = 0; next < options.events(); next += options.batch()) {
            if (killNanos == 0 && next >= options.killAt()) {
                active.kill();
                killNanos = System.nanoTime();
                say("sent and acknowledged %d; SIGKILL %s", acked, active.id());
                active.start();
                say("restarted %s, as the kubelet would: it joins as passive", active.id());
            }
            List<ClientEvent> batch = new ArrayList<>();
            for (int i = next; i < Math.min(options.events(), next + options.batch()); i++) {
                batch.add(ClientEvent.of("order-" + i, "eu", 1L));
            }
            FailoverClient.Ack ack = client.send(Demo.APP, Demo.STREAM, batch);
            acked += batch.size();
            if (killNanos != 0 && failoverMs < 0) {
                failoverMs = TimeUnit.NANOSECONDS.toMillis(ack.atNanos() - killNanos);
                say("%s acknowledged the first batch after the kill: failover took %d ms", passive.id(), failoverMs);
            }
        }
        say("sent and acknowledged %d events in all", acked);
        long counted = client.counted();
        say("%s's app counted %d events", passive.id(), counted);

        Result result = new Result(options.events(), acked, counted, failoverMs);
        say(result.lost() == 0 && result.duplicated() == 0 ? "no acknowledged event was lost or counted twice"
                : "MISMATCH: see the node logs");
        return result;
    }

    private void awaitPeerConnected(LocalNode active, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (active.isActiveWithPassive()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the passive did not connect within " + timeout.toSeconds() + " s");
    }

    private void say(String format, Object... args) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf("%6.1fs  %s%n", seconds, String.format(format, args));
    }
}
