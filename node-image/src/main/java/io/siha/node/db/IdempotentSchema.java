package io.siha.node.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates tables that may already exist. Both nodes start at once and PostgreSQL's
 * {@code CREATE TABLE IF NOT EXISTS} is not safe against a concurrent twin (it can fail on the catalog's unique
 * index), so the statements run in one transaction under a transaction-scoped advisory lock.
 */
public final class IdempotentSchema {

    private IdempotentSchema() {
    }

    /** Runs {@code ddl} under advisory lock {@code lockKey}, a constant that names this schema among locks. */
    public static void install(DataSource dataSource, long lockKey, String... ddl) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + lockKey + ")");
                for (String statement : ddl) {
                    s.execute(statement);
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
