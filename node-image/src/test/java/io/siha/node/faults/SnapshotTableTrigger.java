package io.siha.node.faults;

import io.siha.node.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A trigger on the snapshot table, set and removed over a direct connection to the persistence database, that makes
 * the nodes' snapshot writes fail as a full disk does (SQLSTATE 53100, disk_full) or hang in the middle, for as long
 * as the test wants. The node's own SQL is untouched: this is the database misbehaving, not the node.
 */
final class SnapshotTableTrigger {

    private static final String NAME = "siha_test_fault";

    private SnapshotTableTrigger() {
    }

    /** Every snapshot INSERT fails with disk_full, the error PostgreSQL gives when it cannot extend a file. */
    static void failWithDiskFull(TestDatabase db) throws SQLException {
        install(db, "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'");
    }

    /** Every snapshot INSERT sleeps {@code seconds} before it writes: a persist stays in flight that long. */
    static void delay(TestDatabase db, double seconds) throws SQLException {
        install(db, "PERFORM pg_sleep(" + seconds + "); RETURN NEW");
    }

    static void remove(TestDatabase db) throws SQLException {
        execute(db, "DROP TRIGGER IF EXISTS " + NAME + " ON siha_snapshot");
    }

    /** Whether a node's snapshot INSERT is running right now (for a delayed one: inside its sleep). */
    static boolean insertInFlight(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM "
                + "pg_stat_activity WHERE state = 'active' AND query LIKE 'INSERT INTO siha_snapshot%'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static void install(TestDatabase db, String body) throws SQLException {
        execute(db, "CREATE OR REPLACE FUNCTION " + NAME + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + body
                + "; END $$");
        remove(db);
        execute(db, "CREATE TRIGGER " + NAME + " BEFORE INSERT ON siha_snapshot FOR EACH ROW EXECUTE FUNCTION "
                + NAME + "()");
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
