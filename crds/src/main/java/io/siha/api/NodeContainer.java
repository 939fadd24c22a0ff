package io.siha.api;

/**
 * Names in the node pod that the operator gives and tools outside it look up: the kubectl plugin reads the node's
 * log by the container's name and its {@code /v1/status} through the pod proxy on the port of that name.
 */
public final class NodeContainer {

    /** The node's container in each pod of the pair. */
    public static final String NAME = "node";

    /** The container port of {@link NodeEnv#REST_PORT}: health, readiness, {@code /v1/status}, {@code /metrics}. */
    public static final String REST_PORT_NAME = "rest";

    private NodeContainer() {
    }
}
