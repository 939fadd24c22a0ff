package io.siha.api;

/**
 * Names of the environment variables the node reads. The operator sets them on the pod
 * (from the database Secret, the spec and the downward API); the node validates them at start.
 */
public final class NodeEnv {

    /** Election group: the SiHaCluster name. Both nodes of a pair share it. */
    public static final String CLUSTER_GROUP = "SIHA_CLUSTER_GROUP";
    /** This node's id, unique in its group: the pod name. */
    public static final String NODE_ID = "SIHA_NODE_ID";

    /** JDBC URL of the cluster database (the source document's WSO2_CLUSTER_DB). */
    public static final String CLUSTER_DB_URL = "SIHA_CLUSTER_DB_URL";
    /** JDBC URL of the persistence database (the source document's PERSISTENCE_DB). */
    public static final String PERSISTENCE_DB_URL = "SIHA_PERSISTENCE_DB_URL";
    public static final String DB_USER = "SIHA_DB_USER";
    public static final String DB_PASSWORD = "SIHA_DB_PASSWORD";

    /** Heartbeat interval in milliseconds. */
    public static final String HEARTBEAT_INTERVAL_MS = "SIHA_HEARTBEAT_INTERVAL_MS";
    /** Missed heartbeats tolerated; lease length = interval x (maxRetries + 1). */
    public static final String HEARTBEAT_MAX_RETRIES = "SIHA_HEARTBEAT_MAX_RETRIES";

    /** Host or IP the peer and clients reach this node on (the pod IP in Kubernetes). */
    public static final String ADVERTISED_HOST = "SIHA_ADVERTISED_HOST";
    /** Address the node's servers bind to. */
    public static final String BIND_HOST = "SIHA_BIND_HOST";
    public static final String SYNC_PORT = "SIHA_SYNC_PORT";
    /**
     * The sync port the peer should connect to, when it differs from {@link #SYNC_PORT} (a port mapping or a
     * proxy in between); defaults to {@link #SYNC_PORT}.
     */
    public static final String ADVERTISED_SYNC_PORT = "SIHA_ADVERTISED_SYNC_PORT";
    public static final String HTTP_INGEST_PORT = "SIHA_HTTP_INGEST_PORT";
    public static final String BINARY_INGEST_PORT = "SIHA_BINARY_INGEST_PORT";
    /** Port of the REST endpoints: /healthz, /readyz, status, metrics. */
    public static final String REST_PORT = "SIHA_REST_PORT";

    /** Snapshot interval of the Siddhi state, in milliseconds. */
    public static final String PERSISTENCE_INTERVAL_MS = "SIHA_PERSISTENCE_INTERVAL_MS";
    /** Newest snapshot revisions kept in the persistence database. */
    public static final String PERSISTENCE_REVISIONS_TO_KEEP = "SIHA_PERSISTENCE_REVISIONS_TO_KEEP";
    /**
     * What a takeover does with a snapshot whose state the changed apps cannot take: "fail" (default: the takeover
     * is refused and says why) or "start-fresh" (the apps it does not fit start empty, and the node says so).
     */
    public static final String ON_INCOMPATIBLE_STATE = "SIHA_ON_INCOMPATIBLE_STATE";
    /**
     * "cold" (default): the passive queues the events and a takeover restores and replays them; "hot": the passive
     * applies each event as it arrives, so a takeover continues at once.
     */
    public static final String STANDBY_MODE = "SIHA_STANDBY_MODE";
    /** "true" (default): acknowledge a client only once the passive has the event. */
    public static final String SYNC_ACK_AFTER_PASSIVE = "SIHA_SYNC_ACK_AFTER_PASSIVE";
    /** Events the passive's queue holds at most. */
    public static final String SYNC_QUEUE_CAPACITY = "SIHA_SYNC_QUEUE_CAPACITY";

    /** Shared secret both nodes prove in the sync handshake. */
    public static final String SYNC_SECRET = "SIHA_SYNC_SECRET";
    /**
     * Bearer token the ingest port requires ({@code Authorization: Bearer <token>}); unset means no
     * authentication. The REST port (health, readiness, status, metrics) never asks for it.
     */
    public static final String INGEST_TOKEN = "SIHA_INGEST_TOKEN";

    /**
     * Directory holding {@link TlsFiles#CERTIFICATE}, {@link TlsFiles#PRIVATE_KEY} and {@link TlsFiles#CA} (a mounted
     * kubernetes.io/tls Secret as cert-manager writes it); set: the sync channel runs over mutual TLS, each node
     * presenting its certificate and accepting only a peer whose certificate the CA signed. Unset: plain TCP.
     */
    public static final String SYNC_TLS_DIR = "SIHA_SYNC_TLS_DIR";
    /**
     * Directory holding {@link TlsFiles#CERTIFICATE} and {@link TlsFiles#PRIVATE_KEY}; set: the ingest ports speak
     * TLS only (HTTPS on the HTTP ingest port). The REST port stays plain HTTP for the kubelet's probes.
     */
    public static final String INGEST_TLS_DIR = "SIHA_INGEST_TLS_DIR";

    /** Directory of the Siddhi apps (*.siddhi), the mounted ConfigMap in Kubernetes. */
    public static final String APPS_DIR = "SIHA_APPS_DIR";

    /**
     * Directory of users' extension jars: the node loads every *.jar in it at start and registers the Siddhi
     * extensions they hold. Unset: only the node's own extensions. In Kubernetes an init container copies the jars
     * from an image the user builds into an emptyDir mounted here.
     */
    public static final String EXTENSIONS_DIR = "SIHA_EXTENSIONS_DIR";

    /** Log level of the node: trace, debug, info (the default), warn or error. */
    public static final String LOG_LEVEL = "SIHA_LOG_LEVEL";
    /** Log format of the node: text (the default of java -jar) or json (one object a line; the image's default). */
    public static final String LOG_FORMAT = "SIHA_LOG_FORMAT";

    /** Pod name and namespace from the downward API; absent outside Kubernetes. */
    public static final String POD_NAME = "SIHA_POD_NAME";
    public static final String POD_NAMESPACE = "SIHA_POD_NAMESPACE";

    private NodeEnv() {
    }
}
