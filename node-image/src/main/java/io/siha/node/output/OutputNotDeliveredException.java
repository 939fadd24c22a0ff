package io.siha.node.output;

/**
 * Thrown by a sink of the node's own when its receiver did not take an output (an error status, no answer): the
 * output stays first in its outbox and is handed to the sink again after a backoff, for as long as the node is active.
 */
public final class OutputNotDeliveredException extends RuntimeException {

    public OutputNotDeliveredException(String message) {
        super(message);
    }
}
