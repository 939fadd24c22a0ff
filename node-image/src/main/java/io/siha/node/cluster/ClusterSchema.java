package io.siha.node.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates the election tables if they do not exist. Both nodes start at once and PostgreSQL's
 * {@code CREATE TABLE IF NOT EXISTS} is not safe against a concurrent twin (it can fail on the catalog's unique
 * index), so creation runs under a transaction-scoped advisory lock.
 */
final class ClusterSchema {

    /** An arbitrary constant that names "si-ha schema creation" among advisory locks. */
    private static final long SCHEMA_LOCK = 0x5148_4153_4348_454DL;

    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS siha_member (
            cluster_group text NOT NULL,
            node_id text NOT NULL,
            property_map jsonb NOT NULL DEFAULT '{}'::jsonb,
            heartbeat_at timestamptz NOT NULL,
            PRIMARY KEY (cluster_group, node_id))
        """,
        """
        CREATE TABLE IF NOT EXISTS siha_leader_lease (
            cluster_group text PRIMARY KEY,
            node_id text NOT NULL,
            epoch bigint NOT NULL CHECK (epoch > 0),
            acquired_at timestamptz NOT NULL,
            lease_until timestamptz NOT NULL)
        """
    };

    private ClusterSchema() {
    }

    static void ensure(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                for (String ddl : DDL) {
                    s.execute(ddl);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
