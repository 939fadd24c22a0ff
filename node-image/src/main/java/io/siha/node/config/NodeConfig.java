package io.siha.node.config;

import io.siha.api.NodeEnv;
import io.siha.api.SiHaDefaults;
import io.siha.api.v1alpha1.IncompatibleStatePolicy;
import io.siha.api.v1alpha1.StandbyMode;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Everything a node process is configured with, read once from its environment (see {@link NodeEnv}) and
 * validated as a whole: a missing or malformed value stops the node at start with a message naming the variable.
 *
 * @param clusterGroup   the election group, shared by the two nodes of a pair
 * @param nodeId         this node's id in the group (the pod name in Kubernetes)
 * @param clusterDb      the cluster database holding members and the leader lease
 * @param heartbeat      election timing
 * @param advertisedHost the host the peer and clients reach this node on
 * @param bindHost       the address the node's servers bind to
 * @param ports          the node's ports
 * @param pod            the pod the node runs in; empty outside Kubernetes
 * @param persistence    the persistence database and snapshot timing
 * @param sync           the event sync between the pair
 * @param appsDir        directory of the Siddhi apps ({@code *.siddhi})
 * @param advertisedSyncPort the sync port the peer connects to (the bound one unless mapped)
 * @param ingestToken    bearer token the ingest port requires; empty: no authentication
 * @param tls            TLS of the sync channel and the ingest ports; each empty: plain
 * @param extensionsDir  directory of the users' Siddhi extension jars ({@code *.jar}); empty: the node's own only
 * @param logging        the log level and format (logback applies them; they are checked here)
 * @param standby        whether the passive applies events as they arrive (hot) or only queues them (cold)
 */
public record NodeConfig(
        String clusterGroup,
        String nodeId,
        DatabaseSettings clusterDb,
        HeartbeatSettings heartbeat,
        String advertisedHost,
        String bindHost,
        NodePorts ports,
        Optional<PodIdentity> pod,
        PersistenceSettings persistence,
        EventSyncSettings sync,
        Path appsDir,
        int advertisedSyncPort,
        Optional<String> ingestToken,
        TlsSettings tls,
        Optional<Path> extensionsDir,
        LogSettings logging,
        StandbyMode standby) {

    /**
     * Secrets stay out of logs: the database password, the sync secret and the ingest token are masked; of TLS only
     * directories and certificates are shown.
     */
    @Override
    public String toString() {
        return "NodeConfig[clusterGroup=" + clusterGroup + ", nodeId=" + nodeId + ", clusterDb=" + clusterDb
                + ", heartbeat=" + heartbeat + ", advertisedHost=" + advertisedHost + ", bindHost=" + bindHost
                + ", ports=" + ports + ", pod=" + pod + ", persistence=" + persistence + ", sync=" + sync
                + ", appsDir=" + appsDir + ", advertisedSyncPort=" + advertisedSyncPort + ", ingestToken="
                + (ingestToken.isPresent() ? "***" : "none") + ", tls=" + tls + ", extensionsDir="
                + extensionsDir.map(Path::toString).orElse("none") + ", logging=" + logging + ", standby="
                + standby.nodeValue() + "]";
    }

    /** Where the operator mounts the apps ConfigMap. */
    public static final String DEFAULT_APPS_DIR = "/etc/siha/apps";
    private static final int MIN_SECRET_LENGTH = 16;

    /** Same rule as a Kubernetes object name (RFC 1123 subdomain), since both ids are pod and cluster names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9.:]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://\\S+");

    public static NodeConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static NodeConfig fromEnvironment(Map<String, String> env) {
        EnvReader in = new EnvReader(env);

        Optional<String> podName = in.optional(NodeEnv.POD_NAME);
        Optional<String> podNamespace = in.optional(NodeEnv.POD_NAMESPACE);
        if (podName.isPresent() != podNamespace.isPresent()) {
            in.problem(NodeEnv.POD_NAME + " and " + NodeEnv.POD_NAMESPACE
                    + " must be set together (both from the downward API) or not at all");
        }
        Optional<PodIdentity> pod = podName.isPresent() && podNamespace.isPresent()
                ? Optional.of(new PodIdentity(podName.get(), podNamespace.get()))
                : Optional.empty();

        String group = in.matching(NodeEnv.CLUSTER_GROUP,
                in.required(NodeEnv.CLUSTER_GROUP, "the pair's name, the same on both nodes"),
                NAME, "a lower-case DNS name such as 'orders-ha'");
        String nodeId = in.matching(NodeEnv.NODE_ID,
                in.optional(NodeEnv.NODE_ID).or(() -> podName).orElseGet(() -> in.required(NodeEnv.NODE_ID,
                        "this node's unique id in the pair (defaults to " + NodeEnv.POD_NAME + ")")),
                NAME, "a lower-case DNS name such as 'orders-ha-0'");

        String url = in.matching(NodeEnv.CLUSTER_DB_URL,
                in.required(NodeEnv.CLUSTER_DB_URL, "the cluster database's JDBC URL"),
                POSTGRES_URL, "a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/siha");
        String user = in.required(NodeEnv.DB_USER, "the database user");
        String password = in.optional(NodeEnv.DB_PASSWORD).orElse("");

        long interval = in.longInRange(NodeEnv.HEARTBEAT_INTERVAL_MS, SiHaDefaults.HEARTBEAT_INTERVAL_MS, 100, 60_000);
        int retries = in.intInRange(NodeEnv.HEARTBEAT_MAX_RETRIES, SiHaDefaults.HEARTBEAT_MAX_RETRIES, 1, 10);

        String advertised = in.matching(NodeEnv.ADVERTISED_HOST,
                in.required(NodeEnv.ADVERTISED_HOST,
                        "the host or IP the peer reaches this node on (in Kubernetes the pod IP, status.podIP)"),
                HOST, "a host name or IP address");
        String bind = in.matching(NodeEnv.BIND_HOST, in.optional(NodeEnv.BIND_HOST).orElse("0.0.0.0"),
                HOST, "a host name or IP address");

        NodePorts ports = new NodePorts(
                in.port(NodeEnv.SYNC_PORT, SiHaDefaults.SYNC_PORT),
                in.port(NodeEnv.HTTP_INGEST_PORT, SiHaDefaults.HTTP_INGEST_PORT),
                in.port(NodeEnv.BINARY_INGEST_PORT, SiHaDefaults.BINARY_INGEST_PORT),
                in.port(NodeEnv.REST_PORT, SiHaDefaults.REST_PORT));
        if (IntStream.of(ports.sync(), ports.httpIngest(), ports.binaryIngest(), ports.rest()).distinct().count() < 4) {
            in.problem("ports must differ: " + NodeEnv.SYNC_PORT + "=" + ports.sync()
                    + ", " + NodeEnv.HTTP_INGEST_PORT + "=" + ports.httpIngest()
                    + ", " + NodeEnv.BINARY_INGEST_PORT + "=" + ports.binaryIngest()
                    + ", " + NodeEnv.REST_PORT + "=" + ports.rest());
        }

        String persistenceUrl = in.matching(NodeEnv.PERSISTENCE_DB_URL, in.optional(NodeEnv.PERSISTENCE_DB_URL)
                .orElse(url), POSTGRES_URL, "a PostgreSQL JDBC URL (default: the cluster database's)");
        long persistInterval = in.longInRange(NodeEnv.PERSISTENCE_INTERVAL_MS, SiHaDefaults.PERSISTENCE_INTERVAL_MS,
                100, 3_600_000);
        int revisions = in.intInRange(NodeEnv.PERSISTENCE_REVISIONS_TO_KEEP,
                SiHaDefaults.PERSISTENCE_REVISIONS_TO_KEEP, 1, 1000);
        IncompatibleStatePolicy onIncompatibleState = in.oneOf(NodeEnv.ON_INCOMPATIBLE_STATE,
                IncompatibleStatePolicy.class).orElse(IncompatibleStatePolicy.FAIL);

        boolean ackAfterPassive = in.bool(NodeEnv.SYNC_ACK_AFTER_PASSIVE, SiHaDefaults.SYNC_ACK_AFTER_PASSIVE);
        int queueCapacity = in.intInRange(NodeEnv.SYNC_QUEUE_CAPACITY, SiHaDefaults.SYNC_QUEUE_CAPACITY, 100,
                50_000_000);
        String secret = in.required(NodeEnv.SYNC_SECRET, "the shared secret of the pair's event sync (the same "
                + "on both nodes, at least " + MIN_SECRET_LENGTH + " characters)");
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            in.problem(NodeEnv.SYNC_SECRET + " is too short: at least " + MIN_SECRET_LENGTH + " characters");
        }
        Path appsDir = Path.of(in.optional(NodeEnv.APPS_DIR).orElse(DEFAULT_APPS_DIR));
        int advertisedSyncPort = in.port(NodeEnv.ADVERTISED_SYNC_PORT, ports.sync());
        Optional<String> ingestToken = in.optional(NodeEnv.INGEST_TOKEN);
        if (ingestToken.isPresent() && ingestToken.get().length() < MIN_SECRET_LENGTH) {
            in.problem(NodeEnv.INGEST_TOKEN + " is too short: at least " + MIN_SECRET_LENGTH + " characters");
        }
        TlsSettings tls = TlsSettings.read(in);
        Optional<Path> extensionsDir = ExtensionsDirectory.read(in);
        LogSettings logging = LogSettings.read(in);
        StandbyMode standby = in.oneOf(NodeEnv.STANDBY_MODE, StandbyMode.class).orElse(StandbyMode.COLD);

        in.throwIfInvalid();
        return new NodeConfig(group, nodeId, new DatabaseSettings(url, user, password),
                new HeartbeatSettings(interval, retries), advertised, bind, ports, pod,
                new PersistenceSettings(new DatabaseSettings(persistenceUrl, user, password), persistInterval,
                        revisions, onIncompatibleState),
                new EventSyncSettings(ackAfterPassive, queueCapacity, secret), appsDir, advertisedSyncPort,
                ingestToken, tls, extensionsDir, logging, standby);
    }
}
