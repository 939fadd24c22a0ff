package io.siha.node;

import com.zaxxer.hikari.HikariDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.siha.client.IngestCodec;
import io.siha.node.db.PostgresPool;
import io.siha.node.cluster.LeaderElection;
import io.siha.node.cluster.LeaseStore;
import io.siha.node.cluster.MemberAddress;
import io.siha.node.cluster.Succession;
import io.siha.node.config.NodeConfig;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.AppDirectory;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.WallClockConstructs;
import io.siha.node.extensions.NodeExtensions;
import io.siha.node.ha.NodeController;
import io.siha.node.ha.NodeServices;
import io.siha.node.ha.StandbyPlan;
import io.siha.node.http.HttpServer;
import io.siha.node.ingest.IngestServer;
import io.siha.node.k8s.RolePublisher;
import io.siha.node.logging.NodeLogContext;
import io.siha.node.memory.HeapGuard;
import io.siha.node.metrics.NodeMeters;
import io.siha.node.metrics.NodeMetrics;
import io.siha.node.rest.MetricsPage;
import io.siha.node.source.SourceIntake;
import io.siha.node.k8s.RolePublishers;
import io.siha.node.k8s.StepDownWatch;
import io.siha.node.rest.RestServer;
import io.siha.node.state.SnapshotStore;
import io.siha.node.sync.SyncSettings;
import io.siha.node.sync.SyncTls;
import io.siha.node.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The parts of one running node, started in dependency order and closed in reverse. */
final class NodeProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);
    /** How long the first "passive" label may delay the start; afterwards it is retried in the background. */
    private static final long FIRST_LABEL_TIMEOUT_MS = 2_000;
    /**
     * How long an operator's step-down request waits for a passive to connect (a new pod starting up, parsing its
     * apps); the operator itself gives a step-down 30 s before it deletes the pod.
     */
    private static final Duration STEP_DOWN_AWAITS_PASSIVE = Duration.ofSeconds(15);
    /**
     * Room for the largest single event either ingest port takes (a request or frame of up to 4 MiB) plus the frame's
     * own fields: the active has processed an event before it replicates it, so replication must never find it
     * too large. Batches stay far smaller (the sync client fills frames up to a batch limit).
     */
    private static final int MAX_SYNC_FRAME_BYTES = Math.max(IngestServer.MAX_BODY_BYTES, IngestCodec.MAX_FRAME_BYTES)
            + 64 * 1024;

    private final NodeConfig config;
    private final Optional<KubernetesClient> kube;
    private final RolePublisher rolePublisher;
    private final Optional<StepDownWatch> stepDown;
    private final HikariDataSource clusterDb;
    private final HikariDataSource persistenceDb;
    private final EventLoopGroup httpGroup;
    private final HttpServer rest;
    private final NodeController controller;
    private final LeaderElection election;
    private final NodeMetrics metrics;

    private NodeProcess(NodeConfig config, Optional<KubernetesClient> kube, RolePublisher rolePublisher,
                        Optional<StepDownWatch> stepDown, HikariDataSource clusterDb, HikariDataSource persistenceDb,
                        EventLoopGroup httpGroup, HttpServer rest, NodeController controller,
                        LeaderElection election, NodeMetrics metrics) {
        this.config = config;
        this.kube = kube;
        this.rolePublisher = rolePublisher;
        this.stepDown = stepDown;
        this.clusterDb = clusterDb;
        this.persistenceDb = persistenceDb;
        this.httpGroup = httpGroup;
        this.rest = rest;
        this.controller = controller;
        this.election = election;
        this.metrics = metrics;
    }

    /**
     * Starts the node as passive; an invalid app throws {@link io.siha.node.engine.InvalidAppException}, an unusable
     * extension jar {@link io.siha.node.extensions.jars.InvalidExtensionJarException}.
     */
    static NodeProcess start(NodeConfig config) {
        NodeLogContext.node(config.nodeId());
        log.info("si-ha-node {} starting: node {} of group {}, cluster database {}", Main.version(),
                config.nodeId(), config.clusterGroup(), config.clusterDb().redactedUrl());
        // In a pod: the in-cluster client (service account token) for role labels and step-down requests.
        Optional<KubernetesClient> kube = config.pod().map(pod -> new KubernetesClientBuilder().build());
        RolePublisher publisher = kube.map(client -> RolePublishers.forPod(client, config.pod().get()))
                .orElseGet(RolePublishers::none);
        if (!publisher.publishPassiveAtStart(FIRST_LABEL_TIMEOUT_MS)) {
            log.warn("pod not yet labelled passive after {} ms; continuing, the label is retried",
                    FIRST_LABEL_TIMEOUT_MS);
        }
        List<AppSource> apps = AppDirectory.read(config.appsDir());
        Optional<SslContext> ingestTls = config.tls().ingest().map(TlsContexts::server);
        config.tls().ingest().ifPresent(material -> log.info("ingest over TLS: {}", material));
        NodeExtensions extensions = NodeExtensions.load(config.ingestToken(), ingestTls, config.extensionsDir())
                .forPair(config.clusterGroup());
        try (SiddhiEngine parsed = SiddhiEngine.create(apps, new OutputGate(), new SourceIntake(), extensions)) {
            log.info("apps {} parsed from {}", parsed.appNames(), config.appsDir());
        }
        for (AppSource app : apps) {
            WallClockConstructs.warnings(app.siddhi()).forEach(warning -> log.warn("{}: {}", app.fileName(), warning));
        }

        NodeMetrics metrics = NodeMetrics.create(config.clusterGroup(), config.nodeId());
        HikariDataSource clusterDb = PostgresPool.create("siha-cluster-db", config.clusterDb(),
                config.heartbeat(), metrics.registry());
        HikariDataSource persistenceDb = PostgresPool.create("siha-persistence-db", config.persistence().db(),
                config.heartbeat(), metrics.registry());
        LeaseStore leases = new LeaseStore(clusterDb, config.clusterGroup());
        SnapshotStore snapshots = new SnapshotStore(persistenceDb, config.clusterGroup(),
                config.persistence().revisionsToKeep());
        SyncSettings syncSettings = syncSettings(config);
        // The ingest ports' group (HTTP and binary). The REST port has its own thread (RestServer.open), the sync
        // server and client theirs, the election plain threads: an ingest flood can starve none of them.
        EventLoopGroup httpGroup = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("siha-ingest"),
                NioIoHandler.newFactory());
        metrics.bindEventLoops(httpGroup);
        NodeServices services = new NodeServices(config, apps, leases, snapshots, syncSettings, new OutputGate(),
                httpGroup, NodeMeters.on(metrics.registry()), ingestTls, HeapGuard.start(), new SourceIntake(),
                extensions, StandbyPlan.of(config.standby(), apps));

        NodeController controller = new NodeController(services, publisher);
        MemberAddress address = new MemberAddress(config.advertisedHost(), config.advertisedSyncPort(),
                config.ports().httpIngest(), config.ports().binaryIngest(), config.ports().rest());
        LeaderElection election = new LeaderElection(leases, config.nodeId(), address, config.heartbeat(),
                List.of(controller), new Succession(controller::syncedEpoch,
                        controller::heldEventsThrough, config.heartbeat().interval().multipliedBy(2)));
        controller.start(election);
        HttpServer rest = RestServer.open(config.bindHost(), config.ports().rest(), controller::status,
                new MetricsPage(metrics));
        election.start();
        Optional<StepDownWatch> stepDown = kube.map(client -> StepDownWatch.start(client, config.pod().get(),
                () -> controller.handOver(config.heartbeat().lease().multipliedBy(2), STEP_DOWN_AWAITS_PASSIVE)));
        return new NodeProcess(config, kube, publisher, stepDown, clusterDb, persistenceDb, httpGroup, rest,
                controller, election, metrics);
    }

    /**
     * The sync settings, over mutual TLS when configured. The TLS contexts are built once: the node reads its
     * certificates at start only, and a renewed Secret reaches it by a rolling restart (the operator hashes the
     * mounted files into the pod template), as every other input that is read once does.
     */
    private static SyncSettings syncSettings(NodeConfig config) {
        SyncSettings plain = new SyncSettings(config.clusterGroup(), config.nodeId(),
                config.sync().secret().getBytes(StandardCharsets.UTF_8), config.sync().queueCapacity(),
                MAX_SYNC_FRAME_BYTES);
        return config.tls().sync().map(material -> {
            log.info("event sync over mutual TLS: {}", material);
            return plain.withTls(new SyncTls(TlsContexts.mutualServer(material), TlsContexts.mutualClient(material)));
        }).orElse(plain);
    }

    /** SIGTERM: a planned handover if active, then leave the election and stop. */
    @Override
    public void close() {
        log.info("node {} stopping", config.nodeId());
        stepDown.ifPresent(StepDownWatch::close);
        controller.handOver(config.heartbeat().lease().multipliedBy(10));
        election.close();
        controller.close();
        rest.close();
        rolePublisher.close();
        kube.ifPresent(KubernetesClient::close);
        httpGroup.shutdownGracefully();
        controller.services().heap().close();
        clusterDb.close();
        persistenceDb.close();
        metrics.close();
    }
}
