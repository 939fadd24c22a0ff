package io.siha.node.ingest;

/** A request body that is not a valid event or batch for its stream; the message says what and where. */
public final class BadEventException extends RuntimeException {

    public BadEventException(String message) {
        super(message);
    }

    /**
     * The same problem, placed at event {@code index} of a batch ({@code event 3: ...}). The decoders place it only
     * when there is one: a prefix built for every event of every batch cost a string per event.
     */
    BadEventException inEvent(int index) {
        return new BadEventException("event " + index + ": " + getMessage());
    }
}
