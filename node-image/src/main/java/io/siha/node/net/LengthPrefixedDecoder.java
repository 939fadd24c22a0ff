package io.siha.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts a stream into frames at their 4-byte big-endian length prefixes (the length counts the bytes after the prefix)
 * and hands each frame's bytes to {@link #frame}. A length outside {@code [min, limit]} fails at once, before any of
 * the frame is buffered, and so does a frame {@link #frame} cannot read; after the first failure the rest of the
 * stream is dropped unread (the connection is being closed).
 *
 * <p>The limit can start small, for a connection that has not authenticated yet and sends only a HELLO
 * ({@link PortLimits#PRE_AUTH_FRAME_BYTES}), and be raised to the full size by {@link #authenticated()}: an unproven
 * connection then holds no more than a HELLO's worth of the node's memory.
 */
public abstract class LengthPrefixedDecoder extends ByteToMessageDecoder {

    private static final int LENGTH_BYTES = 4;

    private final int minFrameBytes;
    private final int maxFrameBytes;
    private int limit;
    private boolean failed;

    /**
     * @param beforeAuthentication whether frames are held to {@link PortLimits#PRE_AUTH_FRAME_BYTES} until
     *                             {@link #authenticated()}
     */
    protected LengthPrefixedDecoder(int minFrameBytes, int maxFrameBytes, boolean beforeAuthentication) {
        this.minFrameBytes = minFrameBytes;
        this.maxFrameBytes = maxFrameBytes;
        this.limit = beforeAuthentication ? Math.min(maxFrameBytes, PortLimits.PRE_AUTH_FRAME_BYTES) : maxFrameBytes;
    }

    /** The client has authenticated: its frames may be up to the full size from the next one on. */
    public final void authenticated() {
        limit = maxFrameBytes;
    }

    /** Reads one frame's bytes (length prefix excluded; valid only during the call) and adds what it decodes. */
    protected abstract void frame(ByteBuf frame, List<Object> out);

    /**
     * The exception for a frame whose length is outside {@code [min, limit]}.
     *
     * @param beforeAuthentication whether {@code limit} is the smaller one of a connection not yet authenticated
     */
    protected abstract RuntimeException badLength(long length, int min, int limit, boolean beforeAuthentication);

    /** Whether a frame failed: the connection is being closed and its bytes are dropped. */
    protected final boolean failed() {
        return failed;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length < minFrameBytes || length > limit) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw badLength(length, minFrameBytes, limit, limit < maxFrameBytes);
        }
        if (in.readableBytes() < LENGTH_BYTES + length) {
            return;
        }
        in.skipBytes(LENGTH_BYTES);
        ByteBuf frame = in.readSlice((int) length);
        try {
            frame(frame, out);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }
}
