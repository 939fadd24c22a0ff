package io.siha.api;

/**
 * Label and annotation keys that the operator and the node both read or write.
 * The node publishes its role on its own pod; the operator's Service selects on it.
 */
public final class SiHaLabels {

    /** Label on every object of one pair: the SiHaCluster's name. */
    public static final String CLUSTER = "siha.io/cluster";

    /** Label on each node pod: {@link #ROLE_ACTIVE} or {@link #ROLE_PASSIVE}, written by the node itself. */
    public static final String ROLE = "siha.io/role";

    public static final String ROLE_ACTIVE = "active";
    public static final String ROLE_PASSIVE = "passive";

    /** Annotation on each node pod: the lease epoch (fencing token) of the node's latest term as active. */
    public static final String EPOCH = "siha.io/epoch";

    /**
     * Annotation the operator sets on the active pod to ask for a planned handover (before a rolling update):
     * the node persists, hands its last sequence to the passive and releases the lease, as on SIGTERM. The value
     * is an opaque token (e.g. the target generation); the node acts once per new value.
     */
    public static final String STEP_DOWN = "siha.io/step-down";

    /**
     * Annotation on the active pod while its snapshots have been failing for a while: when the streak began (ISO-8601
     * instant). Written by the node; absent while snapshots are written. The operator reports it as the
     * {@code SnapshotsCurrent} condition.
     */
    public static final String SNAPSHOTS_FAILING_SINCE = "siha.io/snapshots-failing-since";

    /**
     * Annotation on the active pod while it refuses new events because the apps' state outgrows its memory: why,
     * in words. Written by the node; absent while it takes events. The operator reports it as {@code AcceptingEvents}.
     */
    public static final String REFUSING_EVENTS = "siha.io/refusing-events";

    /**
     * Annotation on a pod whose node refused a takeover because the latest snapshot no longer fits its changed apps:
     * which app and element changed, in words. Written by the node, until its next takeover; the operator reports it
     * as {@code StateCompatible=False} and halts a rollout that would hand over to that pod.
     */
    public static final String INCOMPATIBLE_STATE = "siha.io/incompatible-state";

    /**
     * Annotation on a pod whose node started apps empty at its takeover because the snapshot no longer fit them
     * ({@code spec.persistence.onIncompatibleState: StartFresh}): what was discarded. Written by the node, until its
     * next takeover.
     */
    public static final String DISCARDED_STATE = "siha.io/discarded-state";

    private SiHaLabels() {
    }
}
