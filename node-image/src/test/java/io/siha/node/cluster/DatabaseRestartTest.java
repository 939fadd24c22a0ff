package io.siha.node.cluster;

import io.siha.node.config.HeartbeatSettings;
import io.siha.node.testing.Contender;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cluster database itself stops and starts again: nobody is active while it is down, exactly one after. */
class DatabaseRestartTest {

    private static final HeartbeatSettings FAST = new HeartbeatSettings(200, 2);

    private final TestDatabase db = TestDatabase.startNew();
    private List<Contender> nodes = List.of();

    @AfterEach
    void stop() {
        nodes.forEach(Contender::close);
        db.close();
    }

    @Test
    void theClusterRecoversToExactlyOneActiveAfterADatabaseRestart() throws Exception {
        new LeaseStore(db.dataSource(), "restart").ensureSchema();
        nodes = List.of(new Contender(db, "restart", "a", FAST).start(), new Contender(db, "restart", "b", FAST).start());
        await().atMost(Duration.ofSeconds(10)).until(() -> activeCount() == 1);
        long epochBefore = nodes.stream().filter(n -> n.activeEpoch().isPresent()).findFirst().orElseThrow()
                .activeEpoch().getAsLong();

        db.stop();
        await("the active fences itself while the database is down")
                .atMost(FAST.lease().plus(Duration.ofSeconds(1))).until(() -> activeCount() == 0);
        long downUntil = System.nanoTime() + FAST.lease().multipliedBy(3).toNanos();
        while (System.nanoTime() < downUntil) {
            assertThat(activeCount()).as("nobody serves while the database is down").isZero();
            Thread.sleep(20);
        }

        db.start();
        await("exactly one active after the restart").atMost(Duration.ofSeconds(15)).until(() -> activeCount() == 1);
        long stableUntil = System.nanoTime() + FAST.lease().multipliedBy(3).toNanos();
        while (System.nanoTime() < stableUntil) {
            assertThat(activeCount()).isEqualTo(1);
            Thread.sleep(20);
        }
        long epochAfter = nodes.stream().filter(n -> n.activeEpoch().isPresent()).findFirst().orElseThrow()
                .activeEpoch().getAsLong();
        assertThat(epochAfter).as("a new term, since the old one lapsed").isGreaterThan(epochBefore);
    }

    private long activeCount() {
        return nodes.stream().filter(n -> n.activeEpoch().isPresent()).count();
    }
}
