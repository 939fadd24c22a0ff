package io.siha.node;

import io.siha.api.NodeEnv;
import io.siha.node.cluster.Lease;
import io.siha.node.cluster.LeaseStore;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.NodeProcesses;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
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

/** Node processes at the default timing (1 s heartbeat x 2 retries), and what a bad start looks like. */
class NodeProcessTest {

    private static final Logger log = LoggerFactory.getLogger(NodeProcessTest.class);
    private static final Duration LEASE = Duration.ofMillis(3000);
    private static final Duration HEARTBEAT = Duration.ofMillis(1000);
    private static final Duration SLACK = Duration.ofMillis(300);

    private final TestDatabase db = TestDatabase.shared();

    @Test
    void aSigkilledActiveLosesItsLeaseToThePassiveWithinLeasePlusOneHeartbeat() throws Exception {
        LeaseStore store = new LeaseStore(db.dataSource(), "default-timing");
        List<Long> leaseMillis = new ArrayList<>();
        try (LocalPair pair = new LocalPair("default-timing", HEARTBEAT.toMillis(), 10_000).start()) {
            for (int kill = 0; kill < 2; kill++) {
                LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
                Lease before = liveLease(store).orElseThrow();
                assertThat(before.holder()).isEqualTo(active.id());
                long killedAt = System.nanoTime();
                active.kill();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                        .until(() -> liveLease(store).filter(l -> !l.holder().equals(active.id())).isPresent());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                leaseMillis.add(millis);
                assertThat(liveLease(store).orElseThrow().epoch()).isEqualTo(before.epoch() + 1);
                assertThat(Duration.ofMillis(millis)).isLessThanOrEqualTo(LEASE.plus(HEARTBEAT).plus(SLACK));
                active.start(); // as the kubelet restarts a container: it must come back as passive
            }
            assertThat(pair.awaitWhole(Duration.ofSeconds(60))).isNotNull();
        }
        log.info("SIGKILL of the active to the passive holding the lease, 1000 ms x 2 (lease 3000 ms): {} ms",
                leaseMillis);
    }

    @Test
    void aBadEnvironmentStopsTheNodeWithAMessageNamingEachVariable() throws Exception {
        Map<String, String> env = baseEnv();
        env.remove(NodeEnv.CLUSTER_DB_URL);
        env.put(NodeEnv.HEARTBEAT_MAX_RETRIES, "many");
        Process process = NodeProcesses.start("bad-env", env, "run");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(NodeProcesses.log("bad-env"))
                .contains("SIHA_CLUSTER_DB_URL is not set")
                .contains("SIHA_HEARTBEAT_MAX_RETRIES='many' is not a whole number");
    }

    @Test
    void anAppThatDoesNotParseStopsTheNodeNamingTheFile() throws Exception {
        Path apps = Files.createTempDirectory("bad-apps");
        Files.writeString(apps.resolve("orders.siddhi"), "@app:name('Orders') define stream In (a strng);");
        Map<String, String> env = baseEnv();
        env.put(NodeEnv.APPS_DIR, apps.toString());
        Process process = NodeProcesses.start("bad-app", env, "run");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(NodeProcesses.log("bad-app")).contains("invalid Siddhi app: orders.siddhi: ");
    }

    @Test
    void aPortThatIsTakenStopsTheNodeNamingThePort() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path apps = Files.createTempDirectory("apps");
            Files.writeString(apps.resolve("counter.siddhi"), io.siha.node.demo.Demo.SAMPLE_APP);
            Map<String, String> env = baseEnv();
            env.put(NodeEnv.APPS_DIR, apps.toString());
            env.put(NodeEnv.BIND_HOST, "127.0.0.1");
            env.put(NodeEnv.REST_PORT, String.valueOf(taken.getLocalPort()));
            env.put(NodeEnv.SYNC_PORT, String.valueOf(io.siha.node.testing.FreePort.find()));
            Process process = NodeProcesses.start("port-taken", env, "run");
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(NodeProcesses.log("port-taken"))
                    .contains("node cannot start: cannot open REST port 127.0.0.1:" + taken.getLocalPort());
        }
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
        Process badDemo = NodeProcesses.start("bad-demo", Map.of(), "demo", "--events", "ten");
        assertThat(badDemo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(badDemo.exitValue()).isEqualTo(2);
        assertThat(NodeProcesses.log("bad-demo")).contains("--events must be a whole number, got 'ten'");
    }

    private Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put(NodeEnv.CLUSTER_GROUP, "bad-start");
        env.put(NodeEnv.NODE_ID, "bad-start-0");
        env.put(NodeEnv.CLUSTER_DB_URL, db.jdbcUrl());
        env.put(NodeEnv.DB_USER, TestDatabase.USER);
        env.put(NodeEnv.DB_PASSWORD, TestDatabase.PASSWORD);
        env.put(NodeEnv.ADVERTISED_HOST, "127.0.0.1");
        env.put(NodeEnv.SYNC_SECRET, "0123456789abcdef0123");
        return env;
    }

    private static Optional<Lease> liveLease(LeaseStore store) throws SQLException {
        return store.readLease().filter(Lease::live);
    }
}
