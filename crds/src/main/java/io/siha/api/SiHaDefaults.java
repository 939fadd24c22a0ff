package io.siha.api;

/**
 * Default values shared by the CRD schema (as {@code default:}) and the node (when a variable is unset),
 * so a node started by hand behaves like one started by the operator.
 */
public final class SiHaDefaults {

    /** 1 s x 2 retries: a dead active is detected in 3 s (the source system took 9 to 30 s). */
    public static final long HEARTBEAT_INTERVAL_MS = 1000;
    public static final int HEARTBEAT_MAX_RETRIES = 2;

    public static final int SYNC_PORT = 9893;
    public static final int HTTP_INGEST_PORT = 8006;
    public static final int BINARY_INGEST_PORT = 9611;
    public static final int REST_PORT = 9090;

    public static final long PERSISTENCE_INTERVAL_MS = 10_000;
    public static final int PERSISTENCE_REVISIONS_TO_KEEP = 3;
    public static final int SYNC_QUEUE_CAPACITY = 1_000_000;
    /** Acknowledge a client only once the passive holds the event: no acknowledged event is lost on failover. */
    public static final boolean SYNC_ACK_AFTER_PASSIVE = true;

    private SiHaDefaults() {
    }
}
