package io.siha.node.faults;

import io.siha.api.NodeEnv;
import io.siha.node.demo.Demo;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.OutputCheck;
import io.siha.node.demo.OutputReceiver;
import io.siha.node.testing.FreePort;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.RoleSampler;
import io.siha.node.testing.TcpProxy;
import io.siha.node.testing.TestDatabase;
import io.siha.node.testing.Traffic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite's stage: a pair of real node processes on a private PostgreSQL, each node reaching the database
 * through its own {@link TcpProxy} and reached by its peer's event sync through another (the node binds
 * {@code SIHA_SYNC_PORT} and advertises the proxy's port), with a {@link RoleSampler} watching both.
 *
 * <p>The counting app also POSTs every tenth order (amount divisible by 10) as an alert through its HTTP sink to
 * an {@link OutputReceiver} the rig runs, so every scenario checks outputs as well as the count: each alert the
 * acknowledged orders must produce arrives, in each sender's order, repeated only under its own id. A tenth keeps the
 * sink's load small beside the scenario's traffic.
 *
 * <p>Optionally the persistence database is a second private PostgreSQL, reached directly, so it can restart
 * while the cluster database (and so the lease) stays up.
 */
final class FaultRig implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultRig.class);

    static final long HEARTBEAT_MS = 200;
    /** Heartbeat x (default 2 retries + 1). */
    static final Duration LEASE = Duration.ofMillis(HEARTBEAT_MS * 3);
    private static final String ALERT_FILTER = "amount % 10 == 0";
    private static final Duration OUTPUTS_DRAIN = Duration.ofSeconds(30);

    final TestDatabase db;
    final TestDatabase persistenceDb;
    final List<TcpProxy> dbProxies;
    final List<TcpProxy> syncProxies;
    final LocalPair pair;
    final OutputReceiver alerts = new OutputReceiver();
    private RoleSampler sampler;

    FaultRig(String group, long persistIntervalMs, Map<String, String> env, boolean separatePersistenceDb) {
        this(group, persistIntervalMs, env, separatePersistenceDb, builder -> { });
    }

    /** The same, with the pair's builder adjusted by {@code customize} (more apps, other JVM options). */
    FaultRig(String group, long persistIntervalMs, Map<String, String> env, boolean separatePersistenceDb,
             Consumer<LocalPair.Builder> customize) {
        this(group, persistIntervalMs, env, separatePersistenceDb, customize, UnaryOperator.identity());
    }

    /** The same, with the counting app's text (with its alerts) changed by {@code countingApp}: more tables, a store. */
    FaultRig(String group, long persistIntervalMs, Map<String, String> env, boolean separatePersistenceDb,
             Consumer<LocalPair.Builder> customize, UnaryOperator<String> countingApp) {
        db = TestDatabase.startNew();
        persistenceDb = separatePersistenceDb ? TestDatabase.startNew() : db;
        dbProxies = List.of(new TcpProxy(db.port()), new TcpProxy(db.port()));
        int[] syncPorts = {FreePort.find(), FreePort.find()};
        syncProxies = List.of(new TcpProxy(syncPorts[0]), new TcpProxy(syncPorts[1]));
        LocalPair.Builder builder = LocalPair.builder(group).database(db).heartbeatMs(HEARTBEAT_MS)
                .persistIntervalMs(persistIntervalMs).env(env)
                .app(LocalPair.COUNTING_APP_FILE,
                        countingApp.apply(Demo.countingAppWithAlerts(alerts.url(), ALERT_FILTER)));
        for (int i = 0; i < 2; i++) {
            String viaProxy = TestDatabase.jdbcUrl("127.0.0.1", dbProxies.get(i).port());
            builder.nodeEnv(i, NodeEnv.CLUSTER_DB_URL, viaProxy)
                    .nodeEnv(i, NodeEnv.PERSISTENCE_DB_URL, separatePersistenceDb ? persistenceDb.jdbcUrl() : viaProxy)
                    .nodeEnv(i, NodeEnv.SYNC_PORT, String.valueOf(syncPorts[i]))
                    .nodeEnv(i, NodeEnv.ADVERTISED_SYNC_PORT, String.valueOf(syncProxies.get(i).port()));
        }
        customize.accept(builder);
        pair = builder.build();
    }

    /** Starts both nodes and the sampler; returns the active once the pair is whole (active plus passive). */
    LocalNode start() throws InterruptedException {
        pair.start();
        sampler = new RoleSampler(pair.nodes());
        return pair.awaitWhole(Duration.ofSeconds(60));
    }

    RoleSampler sampler() {
        return sampler;
    }

    int index(LocalNode node) {
        return pair.nodes().indexOf(node);
    }

    LocalNode other(LocalNode node) {
        return pair.other(node);
    }

    /** Cuts the event sync both ways (whichever node is the passive, its sync server is behind its proxy). */
    void cutSync() {
        syncProxies.forEach(TcpProxy::cut);
    }

    void healSync() {
        syncProxies.forEach(TcpProxy::heal);
    }

    /** The last sample's view of node {@code i}. */
    RoleSampler.View view(int i) {
        return sampler.latest().orElseThrow().nodes().get(i);
    }

    /**
     * How a scenario ended: what the client had acknowledged, what the app counted, the role timeline, and the alerts
     * against those the acknowledged orders must produce.
     */
    record Outcome(long acked, long counted, RoleSampler.Summary timeline, OutputCheck alerts) {
    }

    /**
     * Ends a scenario the way every one ends: {@linkplain #report reports} what it measured, then checks the role
     * timeline (never two serving) and asserts that the count equals the acknowledged count (nothing lost, nothing
     * counted twice).
     */
    Outcome finish(Traffic traffic, String scenario, String faults, String keyTiming) throws InterruptedException {
        Outcome outcome = report(traffic, scenario, faults, keyTiming);
        sampler.check(); // the verdict on the timeline just reported: throws naming the first sample with two serving
        assertThat(outcome.counted()).as("%s: the app's count equals the acknowledged count", scenario)
                .isEqualTo(outcome.acked());
        assertThat(outcome.alerts().sound()).as("%s: the alerts are sound: %s", scenario, outcome.alerts()).isTrue();
        return outcome;
    }

    /**
     * Stops the traffic, reads the app's count, waits (up to 30 s) for the alerts the acknowledged orders must produce,
     * summarizes the role timeline, and adds it all to the
     * {@link ScenarioReports}, before any assertion, so that a scenario that then fails still shows its figures.
     *
     * @param faults    what the scenario injected: a short description, with the measured durations and counts
     * @param keyTiming the timing the scenario is about, e.g. kill to the first acknowledgement by the passive
     */
    Outcome report(Traffic traffic, String scenario, String faults, String keyTiming) throws InterruptedException {
        long acked = traffic.stop();
        long counted = pair.counted();
        OutputCheck outputs = awaitAlerts(traffic.ackedAmounts());
        RoleSampler.Summary timeline = sampler.summarize();
        log.info("{}: role timeline {}; alerts {}", scenario, timeline, outputs);
        ScenarioReports.add(new ScenarioReport(scenario, faults, acked, counted, timeline.samples(),
                timeline.twoActiveInstants(), keyTiming, Optional.of(outputs)));
        return new Outcome(acked, counted, timeline, outputs);
    }

    /** The alerts once every expected one arrived, or as they stand after {@link #OUTPUTS_DRAIN}. */
    private OutputCheck awaitAlerts(List<List<Long>> ackedAmounts) throws InterruptedException {
        List<List<Long>> expected = ackedAmounts.stream()
                .map(amounts -> amounts.stream().filter(amount -> amount % 10 == 0).toList()).toList();
        long deadline = System.nanoTime() + OUTPUTS_DRAIN.toNanos();
        OutputCheck check = OutputCheck.ofSenders(expected, alerts.received());
        while (check.lost() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            check = OutputCheck.ofSenders(expected, alerts.received());
        }
        if (check.duplicated() > 0) {
            Map<String, Long> byKey = alerts.received().stream().collect(Collectors.groupingBy(
                    OutputReceiver.Received::key, Collectors.counting()));
            log.info("repeated alert ids: {}", byKey.entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey).sorted().limit(40).toList());
        }
        return check;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.close();
        }
        pair.close();
        dbProxies.forEach(TcpProxy::close);
        syncProxies.forEach(TcpProxy::close);
        if (persistenceDb != db) {
            persistenceDb.close();
        }
        db.close();
        alerts.close();
    }
}
