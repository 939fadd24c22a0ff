package io.siha.node.sync;

/** The kinds of frame, with the code that identifies each on the wire. Codes are protocol: never renumber. */
enum FrameType {
    /** server to client, first thing on a new connection: a fresh nonce to prove the secret against */
    CHALLENGE(1),
    /** client to server: who I am and proof that I hold the shared secret */
    HELLO(2),
    /** server to client: handshake accepted, and where the passive's queue stands */
    WELCOME(3),
    /** either way, right before closing: why */
    REFUSED(4),
    /** client to server: a batch of contiguous events */
    EVENTS(5),
    /** server to client: the passive holds everything up to a sequence number */
    ACK(6),
    /** client to server: a snapshot covers everything up to a sequence number; trim the queue */
    CONTROL(7),
    /** client to server: the newest output each sink's receiver took, so a takeover does not send those again */
    DELIVERED(8),
    /**
     * client to server: the active's state digest at a seq, for a hot standby to compare with its own. Sent only by
     * an active of a pair configured hot (SIHA_STANDBY_MODE), so a passive of a build before it never gets one.
     */
    DIGEST(9);

    final byte code;

    FrameType(int code) {
        this.code = (byte) code;
    }

    /** The type of a code read off the wire, or null for a code this version does not know. */
    static FrameType ofCode(int code) {
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
