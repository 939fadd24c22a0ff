package io.siha.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database role whose password the server really checks. The embedded PostgreSQL trusts every local connection,
 * so any password would do; this adds the role and, ahead of the trusting rules, a pg_hba.conf rule that asks it for
 * its password.
 */
public final class PasswordLogin {

    private PasswordLogin() {
    }

    /** Creates {@code user} (a superuser, so it may create the nodes' tables) with {@code password}. */
    public static void create(TestDatabase db, String user, String password) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + user + " LOGIN SUPERUSER PASSWORD '" + password.replace("'", "''") + "'");
            Path hba;
            try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            // The first matching line decides; md5 also checks a password stored as SCRAM.
            String rules = "host all " + user + " 127.0.0.1/32 md5\nhost all " + user + " ::1/128 md5\n";
            Files.writeString(hba, rules + Files.readString(hba));
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the role " + user, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
