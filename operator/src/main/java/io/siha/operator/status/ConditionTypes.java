package io.siha.operator.status;

/** The condition types of a SiHaCluster's status. */
public final class ConditionTypes {

    /** An active pod exists and is Ready: the Service has an endpoint that accepts events. */
    public static final String READY = "Ready";
    /** A pod runs as passive: it receives the synced events and can take over. */
    public static final String PASSIVE_READY = "PassiveReady";
    /** Running, but one more failure (or the current one) stops processing; the reason says which. */
    public static final String DEGRADED = "Degraded";
    /**
     * Both node pods exist and their node containers run. False with reason {@code NodeFailing} while a container of
     * a node pod fails (exits with an error, crash-loops, or cannot be started); the message names the pods, the
     * container, its exit code and the last lines it wrote, e.g. the app, line and cause of an app the node cannot
     * start. False with reason {@code Starting} while a pod is yet to be created or started.
     */
    public static final String NODES_RUNNING = "NodesRunning";
    /** The spec refers to something missing or repeats an app name; the message names the field. */
    public static final String INVALID_SPEC = "InvalidSpec";

    /** The active's snapshots are being written; False while they fail (its node says since when). */
    public static final String SNAPSHOTS_CURRENT = "SnapshotsCurrent";
    /** The active takes new events; False while it refuses them because the apps' state outgrows its memory. */
    public static final String ACCEPTING_EVENTS = "AcceptingEvents";

    /**
     * The persisted state fits the apps. False with reason {@code IncompatibleState} while a node refuses the latest
     * snapshot because the apps changed so that it no longer fits them (the message names the app and what changed;
     * a rollout waits); True with reason {@code StateDiscarded} after a node started such apps empty, as
     * {@code spec.persistence.onIncompatibleState: StartFresh} allows.
     */
    public static final String STATE_COMPATIBLE = "StateCompatible";

    /**
     * Set only while {@code spec.monitoring.podMonitor} is: True once the PodMonitor is written; False with reason
     * {@code PodMonitorCrdMissing} while the API server does not serve monitoring.coreos.com/v1 podmonitors (the
     * Prometheus Operator's CRDs are not installed), so none can be created. The rest of the pair runs either way.
     */
    public static final String POD_MONITOR_READY = "PodMonitorReady";

    /**
     * The switchover requested in {@code spec.switchover} was carried out. False while it waits or runs, and when it was
     * refused or failed; the reason says which. Absent until a switchover is requested.
     */
    public static final String SWITCHOVER_COMPLETED = "SwitchoverCompleted";

    private ConditionTypes() {
    }
}
