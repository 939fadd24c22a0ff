package io.siha.node.db;

import com.zaxxer.hikari.HikariDataSource;
import io.siha.node.config.DatabaseSettings;
import io.siha.node.config.HeartbeatSettings;
import io.siha.node.state.SnapshotStore;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PostgresPoolTest {

    /** 200 ms x 2: lease 600 ms. */
    private static final HeartbeatSettings FAST = new HeartbeatSettings(200, 2);

    @Test
    void aTransactionLeftOpenByANodeThatWentSilentIsEndedSoTheNextActiveCanClaimTheFence() throws Exception {
        String group = "pool-idle-" + System.nanoTime();
        DatabaseSettings db = new DatabaseSettings(TestDatabase.shared().jdbcUrl(), TestDatabase.USER,
                TestDatabase.PASSWORD);
        try (HikariDataSource silent = PostgresPool.create("test-silent", db, FAST);
             HikariDataSource next = PostgresPool.create("test-next", db, FAST)) {
            SnapshotStore old = new SnapshotStore(silent, group, 3);
            old.ensureSchema();
            old.claim(1);
            // A snapshot's transaction holds the fence row, and then its node goes silent: no commit ever comes.
            Connection stuck = silent.getConnection();
            stuck.setAutoCommit(false);
            try (Statement s = stuck.createStatement()) {
                s.execute("SELECT epoch FROM siha_state_fence WHERE cluster_group = '" + group + "' FOR UPDATE");
            }
            long silentSince = System.nanoTime();

            SnapshotStore successor = new SnapshotStore(next, group, 3);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    successor.claim(2);
                    return true;
                } catch (SQLException waitedForTheLock) {
                    return false;
                }
            });

            assertThat(Duration.ofNanos(System.nanoTime() - silentSince))
                    .as("the claim waited about a lease for the silent transaction, not minutes")
                    .isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(stuck::close).as("the server ended the silent node's session")
                    .hasMessageContaining("idle-in-transaction timeout");
        }
    }
}
