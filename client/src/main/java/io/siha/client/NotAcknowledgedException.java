package io.siha.client;

/**
 * No node acknowledged a batch within the client's retry time (or the client was closed first). The events may or
 * may not have been taken: send them again with the same ids and they count once.
 */
public final class NotAcknowledgedException extends RuntimeException {

    NotAcknowledgedException(String message) {
        super(message);
    }
}
