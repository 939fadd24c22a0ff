package io.siha.api;

/** HTTP paths of the node's REST port ({@link NodeEnv#REST_PORT}); they answer on both nodes. */
public final class NodeEndpoints {

    /** 200 while the process is healthy: the liveness probe. */
    public static final String HEALTH = "/healthz";
    /** 200 only while the node is active with its ingest ports open: the readiness probe. */
    public static final String READY = "/readyz";
    /** JSON: role, epoch, queue depth, last persisted revision and sequence, degraded or not. */
    public static final String STATUS = "/v1/status";
    /** Prometheus text format. */
    public static final String METRICS = "/metrics";

    private NodeEndpoints() {
    }
}
