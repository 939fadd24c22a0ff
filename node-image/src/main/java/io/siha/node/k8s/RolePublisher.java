package io.siha.node.k8s;

import io.siha.node.cluster.RoleChange;
import io.siha.node.cluster.RoleListener;

/**
 * Publishes this node's role where the rest of the system reads it: on its pod in Kubernetes, nowhere outside.
 * Publishing never blocks the election: a listener call only records the wanted state.
 */
public interface RolePublisher extends RoleListener, AutoCloseable {

    /**
     * Labels the node passive, waiting at most {@code timeoutMillis} for the first attempt: a restarted container
     * keeps its pod's labels, so a pod left labelled active by a crashed process must lose that label before the
     * node does anything else. Returns whether it was confirmed in time; retries in the background otherwise.
     */
    boolean publishPassiveAtStart(long timeoutMillis);

    @Override
    void onRoleChange(RoleChange change);

    /** Publishes what goes wrong while active; the latest call wins, and an unchanged one writes nothing. */
    void publishTrouble(NodeTrouble trouble);

    /** Publishes what the last takeover found of the persisted state; the latest call wins. */
    void publishStateReport(StateReport report);

    @Override
    void close();
}
