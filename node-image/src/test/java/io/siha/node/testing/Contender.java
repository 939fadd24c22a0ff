package io.siha.node.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.siha.node.db.PostgresPool;
import io.siha.node.cluster.LeaderElection;
import io.siha.node.cluster.LeaseStore;
import io.siha.node.cluster.MemberAddress;
import io.siha.node.cluster.RoleListener;
import io.siha.node.config.DatabaseSettings;
import io.siha.node.config.HeartbeatSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One in-process election node that reaches the database through its own {@link TcpProxy}, so a test can cut or
 * stall the database for this node alone, crash it, and start it again under the same node id.
 */
public final class Contender implements AutoCloseable {

    private final String group;
    private final String nodeId;
    private final HeartbeatSettings timing;
    private final TcpProxy proxy;
    private final List<RoleListener> listeners;
    private HikariDataSource pool;
    private LeaderElection election;

    public Contender(TestDatabase db, String group, String nodeId, HeartbeatSettings timing, RoleListener... listeners) {
        this.group = group;
        this.nodeId = nodeId;
        this.timing = timing;
        this.proxy = new TcpProxy(db.port());
        this.listeners = new ArrayList<>(List.of(listeners));
    }

    public static Contender withTimeline(TestDatabase db, String group, String nodeId, HeartbeatSettings timing,
                                  RoleTimeline timeline) {
        return new Contender(db, group, nodeId, timing, timeline.listenerFor(nodeId));
    }

    public String nodeId() {
        return nodeId;
    }

    public TcpProxy proxy() {
        return proxy;
    }

    public synchronized Contender start() {
        proxy.heal();
        pool = PostgresPool.create("test-" + nodeId, new DatabaseSettings(
                TestDatabase.jdbcUrl("127.0.0.1", proxy.port()), TestDatabase.USER, TestDatabase.PASSWORD), timing);
        election = new LeaderElection(new LeaseStore(pool, group), nodeId,
                new MemberAddress("127.0.0.1", 9893, 8006, 9611, 9090), timing, listeners);
        election.start();
        return this;
    }

    public synchronized boolean running() {
        return election != null;
    }

    public synchronized OptionalLong activeEpoch() {
        return election == null ? OptionalLong.empty() : election.activeEpoch();
    }

    /** Dies like a killed process: no lease release reaches the database. */
    public synchronized void crash() {
        proxy.cut();
        stop();
    }

    /** Stops cleanly: releases its lease. */
    public synchronized void stop() {
        if (election != null) {
            election.close();
            pool.close();
            election = null;
            pool = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        proxy.close();
    }
}
