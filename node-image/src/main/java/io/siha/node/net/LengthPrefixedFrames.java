package io.siha.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * The binary ingest port's framing: each frame's bytes passed on without their length prefix, as
 * {@link io.siha.client.IngestCodec} reads them; at most {@link PortLimits#PRE_AUTH_FRAME_BYTES} until the HELLO is
 * accepted ({@link #authenticated()}). A longer frame fails with a {@link TooLongFrameException} naming the limit.
 */
public final class LengthPrefixedFrames extends LengthPrefixedDecoder {

    public LengthPrefixedFrames(int maxFrameBytes) {
        super(0, maxFrameBytes, true);
    }

    @Override
    protected void frame(ByteBuf frame, List<Object> out) {
        out.add(frame.retain());
    }

    @Override
    protected RuntimeException badLength(long length, int min, int limit, boolean beforeAuthentication) {
        return new TooLongFrameException("a frame longer than the limit of " + limit + " bytes"
                + (beforeAuthentication ? " before HELLO" : "") + ": it claims " + length + " bytes");
    }
}
