package io.siha.node.engine;

/** An event names an app or stream this node does not run. */
public final class UnknownStreamException extends RuntimeException {

    public UnknownStreamException(String message) {
        super(message);
    }
}
