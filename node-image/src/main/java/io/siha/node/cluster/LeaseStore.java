package io.siha.node.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The election's statements on the cluster database. Every time comparison uses the database's {@code now()},
 * never a node's clock, so clock skew between nodes cannot elect two. Each method is one autocommit statement,
 * so a lease changes hands atomically.
 */
public final class LeaseStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Take the lease if nobody holds it or it has ended; a takeover increments the epoch. With READ COMMITTED,
     * a concurrent contender re-checks the WHERE clause on the row the winner wrote, so exactly one wins.
     * A contender that was not in sync with the last holder (param 5 is not its epoch) waits a grace period past
     * the lease's end, so the passive holding the last holder's events wins the race.
     */
    private static final String ACQUIRE = """
            INSERT INTO siha_leader_lease AS l (cluster_group, node_id, epoch, acquired_at, lease_until)
            VALUES (?, ?, 1, now(), now() + ? * interval '1 millisecond')
            ON CONFLICT (cluster_group) DO UPDATE
               SET node_id = excluded.node_id, epoch = l.epoch + 1,
                   acquired_at = excluded.acquired_at, lease_until = excluded.lease_until
             WHERE l.lease_until < now() - CASE WHEN l.epoch = ? THEN interval '0' ELSE ? * interval '1 millisecond' END
            RETURNING epoch
            """;

    /** Extend the lease only while it is still ours and unexpired: an expired term is over for good. */
    private static final String RENEW = """
            UPDATE siha_leader_lease SET lease_until = now() + ? * interval '1 millisecond'
             WHERE cluster_group = ? AND node_id = ? AND epoch = ? AND lease_until >= now()
            """;

    /** End our term now so the peer may take over at its next heartbeat instead of waiting out the lease. */
    private static final String RELEASE = """
            UPDATE siha_leader_lease SET lease_until = now() - interval '1 millisecond'
             WHERE cluster_group = ? AND node_id = ? AND epoch = ? AND lease_until >= now()
            """;

    /** Milliseconds until the ACQUIRE above could succeed for a contender with the given synced epoch and grace. */
    private static final String UNTIL_CONTENDABLE = """
            SELECT (extract(epoch FROM lease_until + CASE WHEN epoch = ? THEN interval '0'
                                                          ELSE ? * interval '1 millisecond' END - now()) * 1000)::bigint
              FROM siha_leader_lease WHERE cluster_group = ?
            """;

    private static final String READ_LEASE = """
            SELECT node_id, epoch, acquired_at, lease_until, lease_until >= now() AS live
              FROM siha_leader_lease WHERE cluster_group = ?
            """;

    private static final String HEARTBEAT = """
            INSERT INTO siha_member (cluster_group, node_id, property_map, heartbeat_at)
            VALUES (?, ?, ?::jsonb, now())
            ON CONFLICT (cluster_group, node_id) DO UPDATE
               SET property_map = excluded.property_map, heartbeat_at = excluded.heartbeat_at
            """;

    private static final String READ_MEMBERS = """
            SELECT node_id, property_map::text, (extract(epoch FROM now() - heartbeat_at) * 1000)::bigint
              FROM siha_member WHERE cluster_group = ? ORDER BY node_id
            """;

    /** The member property next to the address: see {@link Member#heldEventsThrough()}. */
    private static final String HELD_EVENTS_THROUGH = "heldEventsThrough";

    private static final String LEAVE = "DELETE FROM siha_member WHERE cluster_group = ? AND node_id = ?";

    private final DataSource dataSource;
    private final String clusterGroup;

    public LeaseStore(DataSource dataSource, String clusterGroup) {
        this.dataSource = dataSource;
        this.clusterGroup = clusterGroup;
    }

    public String clusterGroup() {
        return clusterGroup;
    }

    /** Creates the tables if they are missing; safe to call from both nodes at once. */
    public void ensureSchema() throws SQLException {
        ClusterSchema.ensure(dataSource);
    }

    /** Tries to take the lease for {@code nodeId}; returns the new epoch, or empty if a live lease is held. */
    public OptionalLong tryAcquire(String nodeId, Duration lease) throws SQLException {
        return tryAcquire(nodeId, lease, Succession.ANY);
    }

    /**
     * Tries to take the lease for {@code nodeId} once it has ended, or, unless this node was in sync with its
     * last holder, once it has been over for the succession's grace period.
     */
    public OptionalLong tryAcquire(String nodeId, Duration lease, Succession succession) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ACQUIRE)) {
            s.setString(1, clusterGroup);
            s.setString(2, nodeId);
            s.setLong(3, lease.toMillis());
            s.setLong(4, succession.syncedEpoch().getAsLong());
            s.setLong(5, succession.unsyncedGrace().toMillis());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * How long, by the database's clock, until {@link #tryAcquire} could succeed under {@code succession}: zero or
     * less when it could now, empty when nobody ever held the lease.
     */
    public OptionalLong untilContendable(Succession succession) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(UNTIL_CONTENDABLE)) {
            s.setLong(1, succession.syncedEpoch().getAsLong());
            s.setLong(2, succession.unsyncedGrace().toMillis());
            s.setString(3, clusterGroup);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Extends the lease of term {@code epoch}; false when that term has ended or been taken over. */
    public boolean renew(String nodeId, long epoch, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RENEW)) {
            s.setLong(1, lease.toMillis());
            s.setString(2, clusterGroup);
            s.setString(3, nodeId);
            s.setLong(4, epoch);
            return s.executeUpdate() == 1;
        }
    }

    /** Ends term {@code epoch} at once; false when it had already ended. */
    public boolean release(String nodeId, long epoch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RELEASE)) {
            s.setString(1, clusterGroup);
            s.setString(2, nodeId);
            s.setLong(3, epoch);
            return s.executeUpdate() == 1;
        }
    }

    /** The group's lease row, live or ended; empty before anyone ever took it. */
    public Optional<Lease> readLease() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(READ_LEASE)) {
            s.setString(1, clusterGroup);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(rs.getString(1), rs.getLong(2),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getBoolean(5)));
            }
        }
    }

    /** Inserts or refreshes this node's member row with the database's current time; it holds no events. */
    public void heartbeat(String nodeId, MemberAddress address) throws SQLException {
        heartbeat(nodeId, address, 0);
    }

    /** The same, advertising the last seq of the events this node holds that no snapshot is known to cover. */
    public void heartbeat(String nodeId, MemberAddress address, long heldEventsThrough) throws SQLException {
        Map<String, Object> properties = address.toPropertyMap();
        properties.put(HELD_EVENTS_THROUGH, heldEventsThrough);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(HEARTBEAT)) {
            s.setString(1, clusterGroup);
            s.setString(2, nodeId);
            s.setString(3, toJson(properties));
            s.executeUpdate();
        }
    }

    /** All member rows of the group, with heartbeat ages by the database's clock. */
    public List<Member> members() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(READ_MEMBERS)) {
            s.setString(1, clusterGroup);
            List<Member> members = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> properties = fromJson(rs.getString(2));
                    long held = properties.get(HELD_EVENTS_THROUGH) instanceof Number n ? n.longValue() : 0;
                    members.add(new Member(rs.getString(1), MemberAddress.fromPropertyMap(properties), held,
                            Duration.ofMillis(rs.getLong(3))));
                }
            }
            return members;
        }
    }

    /** Removes this node's member row (on a clean shutdown). */
    public void leave(String nodeId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LEAVE)) {
            s.setString(1, clusterGroup);
            s.setString(2, nodeId);
            s.executeUpdate();
        }
    }

    private static String toJson(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a member property map of strings and numbers always serializes", e);
        }
    }

    private static Map<String, Object> fromJson(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("member property_map is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
