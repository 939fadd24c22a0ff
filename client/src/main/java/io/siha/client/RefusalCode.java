package io.siha.client;

/**
 * Why a node refused a batch (NACK) or a connection (ERROR). The numbers are part of the wire format: never renumber
 * them. Only {@link #NOT_ACTIVE} and {@link #BUSY} are worth retrying; the others say the input or the credentials
 * are wrong, and sending the same again gets the same answer.
 */
public enum RefusalCode {
    /** The frame or an event in it is malformed or does not fit the stream: the message names what and where. */
    BAD_REQUEST(1),
    /** The node runs no such app or stream. */
    UNKNOWN_STREAM(2),
    /** The node is not (or no longer) the active node: retry the same batch, with the same ids, at the other node. */
    NOT_ACTIVE(3),
    /** The bearer token is missing or wrong. */
    UNAUTHORIZED(4),
    /** The node does not speak the client's protocol version. */
    UNSUPPORTED_VERSION(5),
    /**
     * The active takes no new events for now (its memory, or a sink's backlog of outputs, is full): retry the same
     * batch, with the same ids, a little later.
     */
    BUSY(6);

    private final int wireCode;

    RefusalCode(int wireCode) {
        this.wireCode = wireCode;
    }

    public int wireCode() {
        return wireCode;
    }

    /** Whether sending the same batch elsewhere (or later) can succeed. */
    public boolean retriable() {
        return this == NOT_ACTIVE || this == BUSY;
    }

    /** The code for a number read off the wire, or null when this version does not know it. */
    static RefusalCode ofWire(int code) {
        for (RefusalCode c : values()) {
            if (c.wireCode == code) {
                return c;
            }
        }
        return null;
    }
}
