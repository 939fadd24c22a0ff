package io.siha.node.bench;

import io.siha.api.SiHaDefaults;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.LoopbackPorts;
import io.siha.node.metrics.LatencyDistribution;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code si-ha-node.jar bench [--quick]}: every figure of the README's Performance section from one run on this
 * machine, side by side, since a shared machine's absolute figures drift and ratios measured together do not.
 * It starts an embedded PostgreSQL and node processes on loopback; the client is {@link SiHaClient} over the
 * binary transport, and for the apps of SI's kind (an HTTP source, an HTTP sink) plain HTTP clients ({@link HttpLoad})
 * and a receiver of the bench's own ({@link RecordingReceiver}). The last line is the {@code RESULT} summary.
 */
public final class Bench {

    /** The fast timing's snapshot interval, as the fault suite runs it: a short replay to match a short lease. */
    private static final long FAST_PERSIST_MS = 1_000;

    private final BenchOptions options;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    private Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the bench; returns the exit code. */
    public static int run(String[] args, PrintStream out) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        System.setProperty("java.awt.headless", "true");
        // The parts measured in this JVM (the sync server and client, Siddhi) would log between the figures;
        // the nodes' own logs go to their files. Set before the first logger is made.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        new Bench(options, out).runAll();
        return 0;
    }

    private void runAll() throws Exception {
        if (options.kafka()) {
            new KafkaBench(options, out, this::say).run(); // its own setups, on a broker it starts
            return;
        }
        if (options.standby()) {
            StandbyBench.run(options, out);
            return;
        }
        if (options.state()) {
            StateBench.run(options, out);
            return;
        }
        Path outDir = Files.createDirectories(options.outputDir());
        Path work = Files.createTempDirectory("si-ha-bench");
        say("si-ha bench%s: charts in %s, node logs in %s", options.quick() ? " --quick" : "", outDir.toAbsolutePath(),
                work);
        BenchResults results = new BenchResults();
        // First, in a quiet heap: Siddhi runtimes shut down in the background, and the garbage of the in-process runs
        // freed between its two heap readings once inflated the figure six times over.
        results.queueBytesPerEvent = QueueFootprint.bytesPerEvent(options.queueEvents());
        say("passive's queue: %d bytes per event", results.queueBytesPerEvent);
        results.stateFootprint = StateFootprint.of(options.quick() ? 100_000 : 1_000_000);
        say("a length window's state: %d bytes of heap and %d of snapshot per event; a snapshot of %,d events in %d"
                + " ms", results.stateFootprint.heapBytesPerEvent(), results.stateFootprint.snapshotBytesPerEvent(),
                results.stateFootprint.events(), results.stateFootprint.snapshotMillis());
        for (BenchApps app : BenchApps.values()) {
            results.inProcessEps.put(app, InProcessRun.eventsPerSecond(app, options.warmUp(), options.measure()));
            say("in-process %s: %,.0f events/s", app.appName, results.inProcessEps.get(app));
        }

        try (BenchCluster cluster = BenchCluster.start(work,
                options.profile() ? Optional.of(outDir) : Optional.empty())) {
            measureAlone(cluster, results);
            measurePair(cluster, results);
            measureHttp(cluster, results);
            results.fastFailover = FailoverRun.run(cluster, 200, 2, FAST_PERSIST_MS, options.fastKills(),
                    outDir.resolve("failover-200ms.png"));
            sayFailover("200 ms x 2", results.fastFailover);
            if (options.defaultKills() > 0) {
                results.defaultFailover = FailoverRun.run(cluster, SiHaDefaults.HEARTBEAT_INTERVAL_MS,
                        SiHaDefaults.HEARTBEAT_MAX_RETRIES, SiHaDefaults.PERSISTENCE_INTERVAL_MS,
                        options.defaultKills(), outDir.resolve("failover-1000ms.png"));
                sayFailover("1000 ms x 2", results.defaultFailover);
            }
        }
        results.printTable(out);
        out.println(results.resultLine());
    }

    /** One node, no passive, acknowledging once the engine has the event: the baseline HA is compared with. */
    private void measureAlone(BenchCluster cluster, BenchResults results) throws Exception {
        List<LocalNode> nodes = cluster.startNodes("alone", 1, SiHaDefaults.HEARTBEAT_INTERVAL_MS,
                SiHaDefaults.HEARTBEAT_MAX_RETRIES, SiHaDefaults.PERSISTENCE_INTERVAL_MS, false,
                BenchCluster.STANDARD_APPS);
        try {
            LocalNode node = LocalNode.awaitActive(nodes, Duration.ofSeconds(60));
            try (SiHaClient client = client(node)) {
                for (BenchApps app : BenchApps.values()) {
                    results.aloneEps.put(app, LoadRun.ackedEventsPerSecond(client, app, options.warmUp(),
                            options.measure()));
                    say("node alone %s: %,.0f acked events/s", app.appName, results.aloneEps.get(app));
                }
            }
        } finally {
            nodes.forEach(LocalNode::stop); // SIGTERM: a flight recording is written on exit
        }
    }

    /**
     * The HA pair with acknowledgements after the passive: first the latency it adds at 10,000 events/s, in a steady
     * state (measured after the saturating runs it read 1.5 to 2.3 ms at p99, from the garbage and the full queue they
     * leave; alone, 0.6 to 0.7 ms once the JIT has settled), then its throughput.
     */
    private void measurePair(BenchCluster cluster, BenchResults results) throws Exception {
        List<LocalNode> nodes = cluster.startNodes("pair", 2, SiHaDefaults.HEARTBEAT_INTERVAL_MS,
                SiHaDefaults.HEARTBEAT_MAX_RETRIES, SiHaDefaults.PERSISTENCE_INTERVAL_MS, true,
                BenchCluster.STANDARD_APPS);
        try {
            LocalNode active = LocalNode.awaitActiveWithPassive(nodes, Duration.ofSeconds(60));
            try (SiHaClient client = client(active)) {
                LatencyDistribution waits = ReplicationLatencyRun.ackWait(client, active,
                        options.warmUp().multipliedBy(2), options.measure());
                results.replP50Micros = waits.p50Micros();
                results.replP99Micros = waits.p99Micros();
                results.replSamples = waits.count();
                say("ack wait for the passive at %,d events/s: p50 %d us, p99 %d us over %,d acks",
                        ReplicationLatencyRun.EVENTS_PER_SECOND, waits.p50Micros(), waits.p99Micros(),
                        waits.count());
                for (BenchApps app : BenchApps.values()) {
                    results.haEps.put(app, LoadRun.ackedEventsPerSecond(client, app, options.warmUp(),
                            options.measure()));
                    say("HA pair %s: %,.0f acked events/s", app.appName, results.haEps.get(app));
                }
            }
        } finally {
            nodes.forEach(LocalNode::stop);
        }
    }

    /**
     * The HA pair again, in a setup of its own, with apps of SI's kind: a counting app fed through its own HTTP source
     * and through the node's HTTP ingest port by the same HTTP clients, then a counting app relaying every order
     * through an HTTP sink to a receiver the bench runs. Both apps' sources share one port, by path; both nodes' apps
     * name it, and only the active binds it.
     */
    private void measureHttp(BenchCluster cluster, BenchResults results) throws Exception {
        String sources = "http://127.0.0.1:" + LoopbackPorts.free();
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            CountingApp orders = CountingApp.named("HttpOrders").fedBy(sources + "/orders");
            CountingApp relay = CountingApp.named("Relay").fedBy(sources + "/relay").relayingTo(receiver.url(), 1);
            List<LocalNode> nodes = cluster.startNodes("http", 2, SiHaDefaults.HEARTBEAT_INTERVAL_MS,
                    SiHaDefaults.HEARTBEAT_MAX_RETRIES, SiHaDefaults.PERSISTENCE_INTERVAL_MS, true,
                    List.of(orders.source(), relay.source()));
            try {
                LocalNode active = LocalNode.awaitActiveWithPassive(nodes, Duration.ofSeconds(60));
                results.httpIntake = SourceVersusIngestRun.run(active, orders, options.warmUp(), options.measure());
                say("HTTP, %d clients x batches of %d: the app's source %,.0f acked events/s (%s), the ingest port"
                                + " %,.0f (%s)", HttpLoad.CLIENTS, HttpLoad.BATCH,
                        results.httpIntake.source().eventsPerSecond(), results.httpIntake.source().events(),
                        results.httpIntake.ingest().eventsPerSecond(), results.httpIntake.ingest().events());
                results.outputDelivery = OutputDeliveryRun.run(active, relay, receiver, options.warmUp(),
                        options.measure());
                OutputDeliveryRun.Outcome delivery = results.outputDelivery;
                say("HTTP sink: %,.0f outputs/s delivered, input meanwhile %,.0f events/s (%,d requests refused and"
                                + " sent again); orders %s; outputs %,d expected, %,d arrived, %d lost, %d repeated",
                        delivery.outputsPerSecond(), delivery.inputPerSecond(), delivery.refused(), delivery.orders(),
                        delivery.outputs().expected(), delivery.outputs().arrived(), delivery.outputs().lost(),
                        delivery.outputs().duplicated());
            } finally {
                nodes.forEach(LocalNode::stop);
            }
        }
    }

    private void sayFailover(String timing, FailoverRun.Outcome outcome) {
        say("failover at %s: %s ms; output gaps %s ms; events %s; outputs %,d expected, %d lost, %d repeated", timing,
                outcome.failoverMs(), outcome.outputGapsMs(), outcome.events(), outcome.outputs().expected(),
                outcome.outputs().lost(), outcome.outputs().duplicated());
    }

    private static SiHaClient client(LocalNode node) {
        return SiHaClient.builder()
                .endpoints(List.of(node.binaryIngestAddress()))
                .transport(Transport.BINARY)
                .build();
    }

    private void say(String format, Object... args) {
        out.printf("%6.1fs  %s%n", (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
    }
}
