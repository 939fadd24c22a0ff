package io.siha.node.state;

/** A write carried an epoch older than one the persistence database has already seen: its writer is fenced. */
public final class StaleEpochException extends Exception {

    public StaleEpochException(String message) {
        super(message);
    }
}
