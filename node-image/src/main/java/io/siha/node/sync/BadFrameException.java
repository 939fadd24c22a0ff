package io.siha.node.sync;

/**
 * A frame that breaks the protocol's format. The message says what is wrong in one line, for the log and the
 * REFUSED frame, and never contains secret material.
 */
final class BadFrameException extends RuntimeException {

    BadFrameException(String reason) {
        super(reason, null, false, false); // the reason is the whole story; a stack trace is noise per bad peer
    }
}
