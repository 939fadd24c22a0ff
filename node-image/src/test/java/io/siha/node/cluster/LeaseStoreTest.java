package io.siha.node.cluster;

import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The election's SQL on a real PostgreSQL: who may take, renew and release the lease, judged by the DB clock. */
class LeaseStoreTest {

    private static final AtomicInteger GROUPS = new AtomicInteger();
    private static final Duration LONG = Duration.ofMinutes(5);

    private final DataSource db = TestDatabase.shared().dataSource();
    private LeaseStore store;

    @BeforeEach
    void freshGroup() throws SQLException {
        store = new LeaseStore(db, "lease-store-" + GROUPS.incrementAndGet());
        store.ensureSchema();
    }

    @Test
    void firstContenderTakesEpochOneAndOthersAreRefusedWhileItIsLive() throws SQLException {
        assertThat(store.tryAcquire("a", LONG)).hasValue(1);
        assertThat(store.tryAcquire("b", LONG)).isEmpty();
        assertThat(store.tryAcquire("a", LONG)).as("not even the holder re-takes a live lease").isEmpty();
        assertThat(store.readLease()).hasValueSatisfying(lease -> {
            assertThat(lease.holder()).isEqualTo("a");
            assertThat(lease.epoch()).isEqualTo(1);
            assertThat(lease.live()).isTrue();
        });
    }

    @Test
    void expiredLeaseIsTakenWithTheNextEpochAndTheOldTermCannotRenew() throws SQLException {
        assertThat(store.tryAcquire("a", LONG)).hasValue(1);
        expireLease();

        assertThat(store.renew("a", 1, LONG)).as("an expired term is over").isFalse();
        assertThat(store.tryAcquire("b", LONG)).hasValue(2);
        assertThat(store.renew("a", 1, LONG)).as("a taken-over term is over").isFalse();
        assertThat(store.renew("b", 1, LONG)).as("wrong epoch").isFalse();
        assertThat(store.renew("b", 2, LONG)).isTrue();
    }

    @Test
    void renewalExtendsTheLeaseByTheDatabaseClock() throws SQLException {
        store.tryAcquire("a", Duration.ofMillis(200));
        assertThat(store.renew("a", 1, LONG)).isTrue();
        assertThat(store.readLease().orElseThrow().leaseUntil())
                .isAfter(store.readLease().orElseThrow().acquiredAt().plus(Duration.ofMinutes(4)));
    }

    @Test
    void releaseLetsTheNextContenderTakeOverAtOnce() throws SQLException {
        store.tryAcquire("a", LONG);
        assertThat(store.release("b", 1)).as("only the holder releases").isFalse();
        assertThat(store.release("a", 1)).isTrue();
        assertThat(store.release("a", 1)).as("already released").isFalse();
        assertThat(store.tryAcquire("b", LONG)).hasValue(2);
    }

    @Test
    void concurrentContendersForAnExpiredLeaseProduceExactlyOneWinner() throws Exception {
        store.tryAcquire("old", LONG);
        for (int round = 0; round < 20; round++) {
            expireLease();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<OptionalLong>> contenders = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String node = "n" + i;
                    contenders.add(() -> store.tryAcquire(node, LONG));
                }
                long winners = 0;
                for (Future<OptionalLong> result : pool.invokeAll(contenders)) {
                    winners += result.get().isPresent() ? 1 : 0;
                }
                assertThat(winners).as("winners in round %d", round).isEqualTo(1);
            } finally {
                pool.shutdown();
            }
        }
        assertThat(store.readLease().orElseThrow().epoch()).isEqualTo(21);
    }

    @Test
    void membersCarryTheirAdvertisedAddressAndHeartbeatAgeByTheDatabaseClock() throws SQLException {
        MemberAddress a = new MemberAddress("10.0.0.7", 9893, 8006, 9611, 9090);
        store.heartbeat("a", a);
        store.heartbeat("b", new MemberAddress("10.0.0.8", 1, 2, 3, 4), 812);
        store.heartbeat("a", a);

        List<Member> members = store.members();
        assertThat(members).extracting(Member::nodeId).containsExactly("a", "b");
        assertThat(members.get(0).address()).isEqualTo(a);
        assertThat(members).extracting(Member::heldEventsThrough).containsExactly(0L, 812L);
        assertThat(members.get(0).heartbeatAge()).isLessThan(Duration.ofSeconds(5)).isGreaterThanOrEqualTo(Duration.ZERO);

        store.leave("b");
        assertThat(store.members()).extracting(Member::nodeId).containsExactly("a");
    }

    @Test
    void schemaCreationIsSafeFromManyNodesAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> {
                    store.ensureSchema();
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.tryAcquire("a", LONG)).hasValue(1);
    }

    @Test
    void aCorruptPropertyMapIsReportedNotIgnored() throws SQLException {
        store.heartbeat("a", new MemberAddress("h", 1, 2, 3, 4));
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE siha_member SET property_map = '[1,2]'::jsonb WHERE cluster_group = ?")) {
            s.setString(1, store.clusterGroup());
            s.executeUpdate();
        }
        assertThatThrownBy(store::members).isInstanceOf(SQLException.class).hasMessageContaining("property_map");
    }

    private void expireLease() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE siha_leader_lease SET lease_until = now() - interval '1 second' WHERE cluster_group = ?")) {
            s.setString(1, store.clusterGroup());
            s.executeUpdate();
        }
    }
}
