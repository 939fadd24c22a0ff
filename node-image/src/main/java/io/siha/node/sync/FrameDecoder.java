package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.siha.node.net.LengthPrefixedDecoder;
import io.siha.node.net.PortLimits;

import java.util.List;

/**
 * Cuts the byte stream into frames at their length prefixes and decodes each. A length outside
 * {@code [2, maxFrameBytes]} fails at once, before any of the frame is buffered; so does a connection that ends
 * inside a frame. After the first bad frame the rest of the stream is ignored: the connection is being closed.
 *
 * <p>The passive's decoder ({@link #untilHandshake}) takes frames of at most {@link PortLimits#PRE_AUTH_FRAME_BYTES}
 * until the peer has passed the handshake ({@link #authenticated()}): before it, a peer sends only its HELLO, and a
 * connection that has proved nothing holds no more than that of the node's memory.
 */
final class FrameDecoder extends LengthPrefixedDecoder {

    FrameDecoder(int maxFrameBytes) {
        super(FrameCodec.HEADER_BYTES, maxFrameBytes, false);
    }

    private FrameDecoder(int maxFrameBytes, boolean untilHandshake) {
        super(FrameCodec.HEADER_BYTES, maxFrameBytes, untilHandshake);
    }

    /** Frames of at most {@link PortLimits#PRE_AUTH_FRAME_BYTES} until {@link #authenticated()}, then full size. */
    static FrameDecoder untilHandshake(int maxFrameBytes) {
        return new FrameDecoder(maxFrameBytes, true);
    }

    @Override
    protected void frame(ByteBuf frame, List<Object> out) {
        out.add(FrameCodec.decode(frame));
    }

    @Override
    protected RuntimeException badLength(long length, int min, int limit, boolean beforeAuthentication) {
        return new BadFrameException("frame length " + length + " is outside " + min + ".." + limit
                + (beforeAuthentication ? " before the handshake" : ""));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (!failed() && in.isReadable()) {
            int buffered = in.readableBytes();
            in.skipBytes(buffered);
            throw new BadFrameException("the connection ended inside a frame, " + buffered + " bytes of it received");
        }
    }
}
