package io.siha.node.faults;

import io.siha.api.NodeEnv;
import io.siha.node.demo.LocalNode;
import io.siha.node.extensions.jars.TestJars;
import io.siha.node.testing.TestDatabase;
import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @store} table through SIGKILL failovers, with real node processes and a real PostgreSQL table: the counting
 * app also writes every order to a store (loaded as a user's extension jar from {@code SIHA_EXTENSIONS_DIR}: the test store
 * {@code io.siha.node.store.PostgresRowsStore}). Every acknowledged order must have its row; a takeover's replay must not write
 * again what the old active wrote, so the rows written twice (the old active's last writes its passive had not heard
 * of) must be few beside the events the takeovers replayed, and no row may come from an order never acknowledged.
 */
class StoreFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(StoreFaultsTest.class);
    private static final int KILLS = 4;
    private static final Pattern REPLAYED = Pattern.compile("replayed (\\d+) queued events");

    @Test
    void aTakeoversReplayWritesOnlyWhatTheOldActiveHadNotWritten() throws Exception {
        String table = "ledger_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        Path extensions = Files.createTempDirectory("siha-store-extension");
        storeJar(extensions);
        try (FaultRig rig = new FaultRig("fault-store", 300, Map.of(NodeEnv.EXTENSIONS_DIR, extensions.toString()),
                false, pair -> { }, app -> withLedger(app, table))) {
            LocalNode active = rig.start();
            NodeLogs logs = NodeLogs.from(rig.pair.nodes());
            try (Traffic traffic = new Traffic(rig.pair)) {
                for (int kill = 0; kill < KILLS; kill++) {
                    traffic.awaitMore(300, Duration.ofSeconds(30));
                    long killedAt = System.nanoTime();
                    active.kill();
                    traffic.awaitAckAfter(killedAt, 1 - rig.index(active), Duration.ofSeconds(30));
                    active.start();
                    active = rig.pair.awaitWhole(Duration.ofSeconds(60));
                }
                traffic.awaitMore(300, Duration.ofSeconds(30));
                FaultRig.Outcome outcome = rig.finish(traffic, "store writes through failovers",
                        KILLS + " SIGKILLs of the active; every order written to a @store table (PostgreSQL)",
                        "rows checked against every acknowledged order");
                Set<Long> acked = new HashSet<>();
                traffic.ackedAmounts().forEach(acked::addAll);
                Map<Long, Integer> rows = rows(table);
                long missing = acked.stream().filter(amount -> !rows.containsKey(amount)).count();
                long unexpected = rows.keySet().stream().filter(amount -> !acked.contains(amount)).count();
                long writtenTwice = rows.values().stream().mapToLong(n -> n - 1).sum();
                long replayed = replayed(logs, rig.pair.nodes());
                log.info("store: {} orders acknowledged and counted {}, {} rows, {} missing, {} written more than"
                        + " once, {} of orders never acknowledged; the takeovers replayed {} events", acked.size(),
                        outcome.counted(), rows.values().stream().mapToInt(Integer::intValue).sum(), missing,
                        writtenTwice, unexpected, replayed);
                assertThat(missing).as("acknowledged orders without their row").isZero();
                assertThat(unexpected).as("rows of orders never acknowledged").isZero();
                assertThat(replayed).as("events the takeovers replayed, whose writes were skipped").isPositive();
                assertThat(writtenTwice).as("rows written again, beside the %d events replayed", replayed)
                        .isLessThan(Math.max(KILLS * 20L, replayed / 4));
            }
        }
    }

    /** The counting app with every order also written to the store table. */
    private static String withLedger(String countingApp, String table) {
        return countingApp.replace("define table Totals", """
                @store(type='pgrows', jdbc.url='%s', table.name='%s')
                define table Ledger (region string, amount long);
                define table Totals""".formatted(TestDatabase.shared().jdbcUrl(), table))
                + "\nfrom Orders select region, amount insert into Ledger;\n";
    }

    private static Map<Long, Integer> rows(String table) throws SQLException {
        Map<Long, Integer> rows = new HashMap<>();
        try (Connection connection = TestDatabase.shared().connect();
             ResultSet result = connection.createStatement().executeQuery(
                     "SELECT amount, count(*) FROM " + table + " GROUP BY amount")) {
            while (result.next()) {
                rows.put(result.getLong(1), result.getInt(2));
            }
        }
        return rows;
    }

    private static long replayed(NodeLogs logs, List<LocalNode> nodes) {
        long replayed = 0;
        for (LocalNode node : nodes) {
            Matcher matcher = REPLAYED.matcher(logs.since(node));
            while (matcher.find()) {
                replayed += Long.parseLong(matcher.group(1));
            }
        }
        return replayed;
    }

    /**
     * The test store as a user's extension jar: compiled from its source under another package, since a class the
     * node's own class path holds (the test classes) counts as the node's, not the jar's.
     */
    private static void storeJar(Path directory) throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/siha/node/store/PostgresRowsStore.java"))
                .replace("package io.siha.node.store;", "package com.example.stores;");
        TestJars.build(Files.createTempDirectory("siha-store-build"), directory, "pgrows-store.jar",
                Map.of("com.example.stores.PostgresRowsStore", source), Set.of());
    }
}
