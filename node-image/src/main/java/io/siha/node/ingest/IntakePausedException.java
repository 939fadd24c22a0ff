package io.siha.node.ingest;

/**
 * The active takes no new events for now, for a reason that passes by itself (the apps' state shrinking, a receiver
 * back and its outputs drained): HTTP ingest answers 503 with {@code Retry-After}, binary ingest NACKs BUSY, and the
 * client sends the same events again later, to this node.
 */
public final class IntakePausedException extends RuntimeException {

    /** What the 503 suggests: soon enough for a short outage, rarely enough not to add load to a full node. */
    public static final int RETRY_AFTER_SECONDS = 1;

    public IntakePausedException(String message) {
        super(message);
    }
}
