package io.siha.node.engine;

/** A Siddhi app cannot be loaded: the message names the file and carries Siddhi's own explanation. */
public final class InvalidAppException extends RuntimeException {

    public InvalidAppException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidAppException(String message) {
        super(message);
    }
}
