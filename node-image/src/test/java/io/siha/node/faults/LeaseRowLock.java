package io.siha.node.faults;

import io.siha.node.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds the lease row locked from a connection of the test's own, so every statement on it (a renewal, a takeover)
 * waits: the database stalling under the election, as a long lock or a stuck disk makes it, while the rest of the
 * database (member rows, snapshots) still answers.
 */
final class LeaseRowLock implements AutoCloseable {

    private final Connection connection;

    private LeaseRowLock(Connection connection) {
        this.connection = connection;
    }

    static LeaseRowLock take(TestDatabase db) throws SQLException {
        Connection connection = db.connect();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT * FROM siha_leader_lease FOR UPDATE");
        }
        return new LeaseRowLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
