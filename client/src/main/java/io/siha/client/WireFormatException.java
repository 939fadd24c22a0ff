package io.siha.client;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A frame that breaks the binary ingest format: truncated, too long, of an unknown type or value tag, with bad magic,
 * an unsupported version or invalid UTF-8. The receiver answers with an ERROR frame carrying {@link #code()} and this
 * message, then closes the connection: after a frame it cannot read it cannot trust where the next one starts.
 * A {@link CorruptedFrameException}, so Netty's decoders pass it on unwrapped.
 */
public final class WireFormatException extends CorruptedFrameException {

    private final RefusalCode code;

    WireFormatException(String message) {
        this(RefusalCode.BAD_REQUEST, message);
    }

    WireFormatException(RefusalCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The same problem, its message prefixed with where it lies (e.g. {@code event 3}). */
    WireFormatException within(String place) {
        return new WireFormatException(code, place + ": " + getMessage());
    }

    /** {@link RefusalCode#BAD_REQUEST}, or {@link RefusalCode#UNSUPPORTED_VERSION} for a HELLO of another version. */
    public RefusalCode code() {
        return code;
    }
}
