package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a frame with its length prefix, refusing one the peer's {@link FrameDecoder} would reject as too long. */
final class FrameEncoder extends MessageToByteEncoder<Frame> {

    private final int maxFrameBytes;

    FrameEncoder(int maxFrameBytes) {
        super(Frame.class);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0); // the length, known once the frame is written
        FrameCodec.encode(frame, out);
        int length = out.writerIndex() - start - 4;
        if (length > maxFrameBytes) {
            throw new IllegalStateException(frame.type() + " frame of " + length + " bytes exceeds the limit of "
                    + maxFrameBytes);
        }
        out.setInt(start, length);
    }
}
