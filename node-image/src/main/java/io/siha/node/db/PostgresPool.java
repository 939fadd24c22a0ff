package io.siha.node.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.siha.node.config.DatabaseSettings;
import io.siha.node.config.HeartbeatSettings;

/**
 * A connection pool to the cluster or the persistence database. Its timeouts are tied to the heartbeat so a dead
 * database shows up as a failed statement within about one lease, and the node starts even while the database
 * is down.
 */
public final class PostgresPool {

    private PostgresPool() {
    }

    public static HikariDataSource create(String poolName, DatabaseSettings db, HeartbeatSettings heartbeat) {
        return new HikariDataSource(config(poolName, db, heartbeat));
    }

    /**
     * The same, its connections measured on {@code meters} ({@code hikaricp_connections_active{pool=...}}, pending,
     * timeouts, acquire and usage times): a pool waiting for connections is where a slow database shows first.
     */
    public static HikariDataSource create(String poolName, DatabaseSettings db, HeartbeatSettings heartbeat,
                                          MeterRegistry meters) {
        HikariConfig config = config(poolName, db, heartbeat);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        return new HikariDataSource(config);
    }

    private static HikariConfig config(String poolName, DatabaseSettings db, HeartbeatSettings heartbeat) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        // Start without a database: the election retries every heartbeat instead of the process dying.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(Math.max(250, heartbeat.intervalMs()));
        config.setValidationTimeout(250);
        // pgjdbc's network timeouts are whole seconds; a statement stuck longer than the lease is useless anyway.
        int seconds = (int) Math.max(1, (heartbeat.lease().toMillis() + 999) / 1000);
        config.addDataSourceProperty("connectTimeout", seconds);
        config.addDataSourceProperty("socketTimeout", seconds);
        config.addDataSourceProperty("loginTimeout", seconds);
        config.addDataSourceProperty("tcpKeepAlive", true);
        // A node cut off in the middle of a transaction (a snapshot holds the fence row's lock) looks idle to the
        // server, which would keep the lock until it notices the dead peer, minutes later; the next active's claim of
        // the fence would wait all that time. So a transaction idle for a lease is ended by the server.
        long leaseMs = heartbeat.lease().toMillis();
        config.addDataSourceProperty("options", "-c statement_timeout=" + leaseMs
                + " -c idle_in_transaction_session_timeout=" + leaseMs);
        return config;
    }
}
