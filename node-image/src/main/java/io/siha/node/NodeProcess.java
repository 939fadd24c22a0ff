package io.siha.node;

import com.zaxxer.hikari.HikariDataSource;
import io.siha.node.cluster.ClusterDataSource;
import io.siha.node.cluster.LeaderElection;
import io.siha.node.cluster.LeaseStore;
import io.siha.node.cluster.MemberAddress;
import io.siha.node.config.NodeConfig;
import io.siha.node.k8s.RolePublisher;
import io.siha.node.k8s.RolePublishers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The parts of one running node, started in dependency order and closed in reverse. */
final class NodeProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);
    /** How long the first "passive" label may delay the start; afterwards it is retried in the background. */
    private static final long FIRST_LABEL_TIMEOUT_MS = 2_000;

    private final HikariDataSource clusterDb;
    private final RolePublisher rolePublisher;
    private final LeaderElection election;

    private NodeProcess(HikariDataSource clusterDb, RolePublisher rolePublisher, LeaderElection election) {
        this.clusterDb = clusterDb;
        this.rolePublisher = rolePublisher;
        this.election = election;
    }

    static NodeProcess start(NodeConfig config) {
        log.info("si-ha-node {} starting: node {} of group {}, cluster database {}", Main.version(),
                config.nodeId(), config.clusterGroup(), config.clusterDb().jdbcUrl());
        RolePublisher publisher = RolePublishers.forEnvironment(config.pod());
        if (!publisher.publishPassiveAtStart(FIRST_LABEL_TIMEOUT_MS)) {
            log.warn("pod not yet labelled passive after {} ms; continuing, the label is retried",
                    FIRST_LABEL_TIMEOUT_MS);
        }
        HikariDataSource clusterDb = ClusterDataSource.create("siha-cluster-db", config.clusterDb(),
                config.heartbeat());
        MemberAddress address = new MemberAddress(config.advertisedHost(), config.ports().sync(),
                config.ports().httpIngest(), config.ports().binaryIngest(), config.ports().rest());
        LeaderElection election = new LeaderElection(new LeaseStore(clusterDb, config.clusterGroup()),
                config.nodeId(), address, config.heartbeat(), List.of(publisher));
        election.start();
        return new NodeProcess(clusterDb, publisher, election);
    }

    @Override
    public void close() {
        log.info("node {} stopping", election.nodeId());
        election.close();
        rolePublisher.close();
        clusterDb.close();
    }
}
