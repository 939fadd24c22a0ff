package io.siha.node;

import io.siha.api.NodeEnv;
import io.siha.node.cluster.Lease;
import io.siha.node.cluster.LeaseStore;
import io.siha.node.cluster.Member;
import io.siha.node.testing.NodeProcesses;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real node processes at the default timing (1 s heartbeat x 2 retries), killed with SIGKILL. */
class NodeProcessTest {

    private static final Logger log = LoggerFactory.getLogger(NodeProcessTest.class);
    private static final Duration LEASE = Duration.ofMillis(3000);
    private static final Duration HEARTBEAT = Duration.ofMillis(1000);
    private static final Duration SLACK = Duration.ofMillis(300);
    private static final int KILLS = 3;

    private final TestDatabase db = TestDatabase.shared();
    private final Map<String, Process> processes = new HashMap<>();

    @AfterEach
    void killAll() {
        processes.values().forEach(NodeProcesses::kill);
    }

    @Test
    void aSigkilledActiveIsReplacedWithinLeasePlusOneHeartbeat() throws Exception {
        String group = "process-kill";
        LeaseStore store = new LeaseStore(db.dataSource(), group);
        store.ensureSchema();
        for (String node : List.of("pk-0", "pk-1")) {
            processes.put(node, NodeProcesses.start(node, env(group, node), "run"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> store.members().size() == 2 && liveHolder(store).isPresent());
        assertThat(store.members()).extracting(m -> m.address().host()).containsOnly("127.0.0.1");

        List<Long> takeoverMillis = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Lease before = liveHolder(store).orElseThrow();
            String victim = before.holder();
            long killedAt = System.nanoTime();
            NodeProcesses.kill(processes.get(victim));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> liveHolder(store).filter(l -> !l.holder().equals(victim)).isPresent());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            takeoverMillis.add(millis);
            Lease after = liveHolder(store).orElseThrow();
            assertThat(after.epoch()).isEqualTo(before.epoch() + 1);
            assertThat(Duration.ofMillis(millis)).isLessThanOrEqualTo(LEASE.plus(HEARTBEAT).plus(SLACK));

            // The killed node comes back (as the kubelet restarts a container) and must join as passive.
            int startsBefore = joins(victim);
            processes.put(victim, NodeProcesses.start(victim, env(group, victim), "run"));
            await().atMost(Duration.ofSeconds(30)).until(() -> joins(victim) > startsBefore);
            Thread.sleep(HEARTBEAT.multipliedBy(2).toMillis());
            assertThat(heartbeatAge(store, victim).orElseThrow()).isLessThan(HEARTBEAT.multipliedBy(2));
            assertThat(liveHolder(store).orElseThrow().holder()).isEqualTo(after.holder());
        }
        log.info("takeover after SIGKILL at 1000 ms x 2 retries (lease 3000 ms): {} ms", takeoverMillis);
    }

    @Test
    void aBadEnvironmentStopsTheNodeWithAMessageNamingEachVariable() throws Exception {
        Map<String, String> env = env("bad-env", "bad-0");
        env.remove(NodeEnv.CLUSTER_DB_URL);
        env.put(NodeEnv.HEARTBEAT_MAX_RETRIES, "many");
        Process process = NodeProcesses.start("bad-0", env, "run");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(NodeProcesses.log("bad-0"))
                .contains("SIHA_CLUSTER_DB_URL is not set")
                .contains("SIHA_HEARTBEAT_MAX_RETRIES='many' is not a whole number");
    }

    @Test
    void versionAndUsage() throws Exception {
        Process version = NodeProcesses.start("version", Map.of(), "version");
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(NodeProcesses.log("version")).containsPattern("si-ha-node \\d+\\.\\d+\\.\\d+");
        Process wrong = NodeProcesses.start("wrong-command", Map.of(), "frobnicate");
        assertThat(wrong.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.exitValue()).isEqualTo(2);
        assertThat(NodeProcesses.log("wrong-command")).contains("unknown command: frobnicate").contains("usage:");
    }

    private Map<String, String> env(String group, String node) {
        Map<String, String> env = new HashMap<>();
        env.put(NodeEnv.CLUSTER_GROUP, group);
        env.put(NodeEnv.NODE_ID, node);
        env.put(NodeEnv.CLUSTER_DB_URL, db.jdbcUrl());
        env.put(NodeEnv.DB_USER, TestDatabase.USER);
        env.put(NodeEnv.DB_PASSWORD, TestDatabase.PASSWORD);
        env.put(NodeEnv.ADVERTISED_HOST, "127.0.0.1");
        return env;
    }

    private static int joins(String node) {
        return NodeProcesses.log(node).split("joins election", -1).length - 1;
    }

    private static Optional<Lease> liveHolder(LeaseStore store) throws SQLException {
        return store.readLease().filter(Lease::live);
    }

    private static Optional<Duration> heartbeatAge(LeaseStore store, String node) throws SQLException {
        return store.members().stream().filter(m -> m.nodeId().equals(node)).map(Member::heartbeatAge).findFirst();
    }
}
