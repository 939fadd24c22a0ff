package io.siha.node.testing;

import io.siha.node.cluster.RoleChange;
import io.siha.node.cluster.RoleListener;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Records every term of every node on the database's clock, to check that no two terms ever overlap.
 *
 * <p>A term's start is the database time its lease was granted (a trigger copies each grant into a history
 * table), the earliest instant the node could act as active. Its end is the instant the node's listener heard
 * {@code BecamePassive}, mapped onto the database's clock: the latest instant it could still act as active. Both
 * bounds are pessimistic, so a pass means the real terms were apart by at least the reported gap.
 */
public final class RoleTimeline {

    /** One term: node {@code nodeId} was active as epoch {@code epoch} from {@code startMicros} to {@code endMicros}. */
    public record Term(String nodeId, long epoch, long startMicros, long endMicros) {
    }

    private final DataSource direct;
    private final String group;
    private final DbClock clock;
    private final Map<Long, Long> endNanosByEpoch = new HashMap<>();
    private final Map<Long, String> activeNodeByEpoch = new HashMap<>();

    private RoleTimeline(DataSource direct, String group, DbClock clock) {
        this.direct = direct;
        this.group = group;
        this.clock = clock;
    }

    /** Installs the grant-history trigger (idempotent) and calibrates the clock mapping. */
    public static RoleTimeline install(DataSource direct, String group) throws SQLException {
        try (Connection c = direct.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(42)");
            try {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS test_lease_grant (
                            cluster_group text, node_id text, epoch bigint, granted_at timestamptz)
                        """);
                s.execute("""
                        CREATE OR REPLACE FUNCTION test_record_grant() RETURNS trigger AS $$
                        BEGIN
                          IF TG_OP = 'INSERT' OR NEW.epoch <> OLD.epoch THEN
                            INSERT INTO test_lease_grant VALUES (NEW.cluster_group, NEW.node_id, NEW.epoch,
                                                                 NEW.acquired_at);
                          END IF;
                          RETURN NEW;
                        END $$ LANGUAGE plpgsql
                        """);
                s.execute("DROP TRIGGER IF EXISTS test_record_grant ON siha_leader_lease");
                s.execute("""
                        CREATE TRIGGER test_record_grant AFTER INSERT OR UPDATE ON siha_leader_lease
                        FOR EACH ROW EXECUTE FUNCTION test_record_grant()
                        """);
            } finally {
                s.execute("SELECT pg_advisory_unlock(42)");
            }
        }
        return new RoleTimeline(direct, group, DbClock.calibrate(direct));
    }

    /**
     * A listener for node {@code nodeId}: notes when each of its terms ended, by the local monotonic clock, at the
     * first word of it: the lease's end (a node stops serving there) or the {@code BecamePassive}.
     */
    public RoleListener listenerFor(String nodeId) {
        return new RoleListener() {
            @Override
            public void onRoleChange(RoleChange change) {
                if (change instanceof RoleChange.BecameActive) {
                    synchronized (RoleTimeline.this) {
                        activeNodeByEpoch.put(change.epoch(), nodeId);
                    }
                } else {
                    ended(change.epoch());
                }
            }

            @Override
            public void onLeaseEnded(long epoch) {
                ended(epoch);
            }
        };
    }

    private void ended(long epoch) {
        long now = System.nanoTime();
        synchronized (this) {
            endNanosByEpoch.putIfAbsent(epoch, now);
        }
    }

    /** Nodes whose latest term has begun and not ended. */
    public synchronized List<String> activeNodes() {
        List<String> active = new ArrayList<>();
        activeNodeByEpoch.forEach((epoch, node) -> {
            if (!endNanosByEpoch.containsKey(epoch)) {
                active.add(node);
            }
        });
        return active;
    }

    /** All announced terms in epoch order; a term still running ends "now". */
    public synchronized List<Term> terms() throws SQLException {
        Map<Long, Long> grantMicros = new HashMap<>();
        try (Connection c = direct.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT epoch, (extract(epoch FROM granted_at) * 1000000)::bigint FROM test_lease_grant "
                        + "WHERE cluster_group = ?")) {
            s.setString(1, group);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    grantMicros.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        long nowMicros = clock.toDbMicros(System.nanoTime());
        List<Term> terms = new ArrayList<>();
        activeNodeByEpoch.forEach((epoch, node) -> {
            Long start = grantMicros.get(epoch);
            if (start == null) {
                throw new IllegalStateException("epoch " + epoch + " announced but never granted by the database");
            }
            Long endNanos = endNanosByEpoch.get(epoch);
            terms.add(new Term(node, epoch, start, endNanos == null ? nowMicros : clock.toDbMicros(endNanos)));
        });
        terms.sort(Comparator.comparingLong(Term::epoch));
        return terms;
    }

    /** Maps this JVM's monotonic clock onto the database's clock, calibrated by round trips. */
    record DbClock(long offsetMicros) {

        static DbClock calibrate(DataSource direct) throws SQLException {
            long bestRtt = Long.MAX_VALUE;
            long bestOffset = 0;
            try (Connection c = direct.getConnection();
                 PreparedStatement s = c.prepareStatement(
                         "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint")) {
                for (int i = 0; i < 20; i++) {
                    long before = System.nanoTime();
                    long dbMicros;
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        dbMicros = rs.getLong(1);
                    }
                    long after = System.nanoTime();
                    if (after - before < bestRtt) {
                        bestRtt = after - before;
                        bestOffset = dbMicros - (before + after) / 2 / 1000;
                    }
                }
            }
            return new DbClock(bestOffset);
        }

        long toDbMicros(long nanoTime) {
            return nanoTime / 1000 + offsetMicros;
        }
    }
}
