package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import static io.siha.node.sync.FrameCodecTest.bytes;
import static io.siha.node.sync.FrameCodecTest.concat;
import static io.siha.node.sync.FrameCodecTest.int32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameDecoderTest {

    private static final int MAX = 4096;

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX), new FrameEncoder(MAX));

    @Test
    void framesSplitAcrossReadsOrSharingOneAreCutAtTheirLengths() {
        ByteBuf two = encoded(new Frame.Ack(1, 10), new Frame.Control(2, 3));
        channel.writeInbound(two.readRetainedSlice(5));
        assertThat(channel.<Object>readInbound()).isNull();
        channel.writeInbound(two);

        assertThat(channel.<Object>readInbound()).isEqualTo(new Frame.Ack(1, 10));
        assertThat(channel.<Object>readInbound()).isEqualTo(new Frame.Control(2, 3));
    }

    @Test
    void anOversizedLengthFailsBeforeTheFrameIsBuffered() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(int32(MAX + 1))))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseInstanceOf(BadFrameException.class)
                .hasMessageContaining("frame length 4097 is outside 2..4096");
    }

    @Test
    void aLengthWithTheTopBitSetIsNotReadAsNegative() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes(0x80, 0, 0, 1))))
                .hasMessageContaining("frame length 2147483649 is outside");
    }

    @Test
    void aConnectionEndingInsideAFrameIsReported() {
        channel.writeInbound(Unpooled.wrappedBuffer(concat(int32(100), new byte[10])));

        assertThatThrownBy(channel::finish).hasMessageContaining("ended inside a frame, 14 bytes of it received");
    }

    @Test
    void afterABadFrameTheRestOfTheStreamIsIgnored() {
        ByteBuf bad = Unpooled.wrappedBuffer(concat(int32(2), bytes(1, 99)));
        assertThatThrownBy(() -> channel.writeInbound(bad)).hasMessageContaining("unknown frame type 99");

        channel.writeInbound(encoded(new Frame.Ack(1, 10)));

        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void theEncoderRefusesAFrameThePeerWouldReject() {
        Frame big = new Frame.Refused("x"); // fits
        channel.writeOutbound(big);
        assertThat(channel.<Object>readOutbound()).isNotNull();

        Frame tooBig = new Frame.Events(1, java.util.List.of(new byte[MAX]));
        assertThatThrownBy(() -> channel.writeOutbound(tooBig)).hasMessageContaining("exceeds the limit of 4096");
    }

    private static ByteBuf encoded(Frame... frames) {
        ByteBuf all = Unpooled.buffer();
        for (Frame frame : frames) {
            int start = all.writerIndex();
            all.writeInt(0);
            FrameCodec.encode(frame, all);
            all.setInt(start, all.writerIndex() - start - 4);
        }
        return all;
    }
}
