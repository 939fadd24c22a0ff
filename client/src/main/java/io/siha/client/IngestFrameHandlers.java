package io.siha.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * The Netty handlers that turn a connection's bytes into {@link IngestFrame}s and back, for the client and the node
 * alike. Decoding failures reach the last handler's {@code exceptionCaught} as a {@link WireFormatException} (or a
 * {@link io.netty.handler.codec.TooLongFrameException} for a length beyond the limit).
 */
public final class IngestFrameHandlers {

    private IngestFrameHandlers() {
    }

    /** Adds the framing, decoder and encoder at the end of {@code pipeline}; the caller adds its handler after. */
    public static void addTo(ChannelPipeline pipeline) {
        pipeline.addLast("ingest-frames", IngestCodec.frameSplitter());
        pipeline.addLast("ingest-decoder", new Decoder());
        pipeline.addLast("ingest-encoder", ENCODER);
    }

    private static final Encoder ENCODER = new Encoder();

    private static final class Decoder extends MessageToMessageDecoder<ByteBuf> {
        Decoder() {
            super(ByteBuf.class);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
            out.add(IngestCodec.decode(body));
        }
    }

    /** Encodes straight into the buffer Netty allocates for the write (pooled by default): no per-event copies. */
    @ChannelHandler.Sharable
    private static final class Encoder extends MessageToByteEncoder<IngestFrame> {
        Encoder() {
            super(IngestFrame.class);
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, IngestFrame frame, ByteBuf out) {
            IngestCodec.encode(frame, out);
        }
    }
}
