package io.siha.node.ha;

/** A takeover stopped before the node became active: the lease was lost, or a step can never succeed. */
final class TakeoverAbandonedException extends Exception {

    TakeoverAbandonedException(String message, Throwable cause) {
        super(message, cause);
    }
}
