package io.siha.node.cluster;

import io.siha.node.db.IdempotentSchema;

import java.sql.SQLException;
import javax.sql.DataSource;

/** The election's tables: members and the leader lease. */
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
        IdempotentSchema.install(dataSource, SCHEMA_LOCK, DDL);
    }
}
