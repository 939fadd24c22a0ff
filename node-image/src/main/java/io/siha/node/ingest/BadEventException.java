package io.siha.node.ingest;

/** A request body that is not a valid event or batch for its stream; the message says what and where. */
public final class BadEventException extends RuntimeException {

    public BadEventException(String message) {
        super(message);
    }
}
