package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream into frames at their length prefixes and decodes each. A length outside
 * {@code [2, maxFrameBytes]} fails at once, before any of the frame is buffered; so does a connection that ends
 * inside a frame. After the first bad frame the rest of the stream is ignored: the connection is being closed.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    private static final int LENGTH_BYTES = 4;

    private final int maxFrameBytes;
    private boolean failed;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length < FrameCodec.HEADER_BYTES || length > maxFrameBytes) {
            throw fail("frame length " + length + " is outside 2.." + maxFrameBytes);
        }
        if (in.readableBytes() < LENGTH_BYTES + length) {
            return;
        }
        in.skipBytes(LENGTH_BYTES);
        ByteBuf frame = in.readSlice((int) length);
        try {
            out.add(FrameCodec.decode(frame));
        } catch (BadFrameException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            int buffered = in.readableBytes();
            in.skipBytes(buffered);
            throw fail("the connection ended inside a frame, " + buffered + " bytes of it received");
        }
    }

    private BadFrameException fail(String reason) {
        failed = true;
        return new BadFrameException(reason);
    }
}
