package io.siha.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binary ingest format: every frame and value type round trips, and every kind of bad input is refused clearly. */
class IngestCodecTest {

    private static final ClientEvent EVERY_TYPE = new ClientEvent("order-1", 1_700_000_000_000L,
            "eu ✓ 😀", "", Integer.MIN_VALUE, Long.MAX_VALUE, -1.5f, Double.MIN_VALUE, true, false, null);

    /** Encodes, then decodes the body (the length prefix checked and stripped as the frame splitter does). */
    private static IngestFrame roundTrip(IngestFrame frame) {
        ByteBuf buf = Unpooled.buffer();
        IngestCodec.encode(frame, buf);
        assertThat(buf.readInt()).as("length prefix").isEqualTo(buf.readableBytes());
        return IngestCodec.decode(buf);
    }

    private static ByteBuf body(IngestFrame frame) {
        ByteBuf buf = Unpooled.buffer();
        IngestCodec.encode(frame, buf);
        buf.skipBytes(IngestCodec.LENGTH_BYTES);
        return buf.discardReadBytes(); // the body from index 0, so tests can poke at its fields' offsets
    }

    @Test
    void everyFrameRoundTrips() {
        List<IngestFrame> frames = List.of(
                new IngestFrame.Hello(1, "s3cret-token"),
                new IngestFrame.Hello(1, null),
                new IngestFrame.HelloOk(1),
                new IngestFrame.ConnectionError(RefusalCode.UNAUTHORIZED, "the bearer token is not accepted"),
                new IngestFrame.Events(Long.MAX_VALUE, "Counter", "Orders", List.of(EVERY_TYPE,
                        ClientEvent.of(null), new ClientEvent("x", 0, 1, 2L))),
                new IngestFrame.Ack(7, 100),
                new IngestFrame.Nack(-1, RefusalCode.NOT_ACTIVE, "node is no longer active"));
        for (IngestFrame frame : frames) {
            assertThat(roundTrip(frame)).isEqualTo(frame);
        }
    }

    @Test
    void everyValueTypeKeepsItsJavaTypeAndValue() {
        IngestFrame.Events decoded = (IngestFrame.Events) roundTrip(
                new IngestFrame.Events(1, "a", "s", List.of(EVERY_TYPE)));
        ClientEvent event = decoded.events().get(0);
        Object[] values = new Object[event.valueCount()];
        Arrays.setAll(values, event::value);
        assertThat(values).containsExactly("eu ✓ 😀", "", Integer.MIN_VALUE, Long.MAX_VALUE, -1.5f, Double.MIN_VALUE,
                true, false, null);
        assertThat(values[2]).isInstanceOf(Integer.class);
        assertThat(values[3]).isInstanceOf(Long.class);
        assertThat(values[4]).isInstanceOf(Float.class);
        assertThat(event.id()).isEqualTo("order-1");
        assertThat(event.timestamp()).isEqualTo(1_700_000_000_000L);
        IngestFrame.Events nan = (IngestFrame.Events) roundTrip(new IngestFrame.Events(1, "a", "s",
                List.of(ClientEvent.of("n", Float.NaN, Double.NEGATIVE_INFINITY))));
        assertThat(nan.events().get(0).value(0)).isEqualTo(Float.NaN);
        assertThat(nan.events().get(0).value(1)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void theSizeComputedBeforeEncodingIsTheSizeEncoded() {
        ByteBuf buf = body(new IngestFrame.Events(1, "Counter", "Orders", List.of(EVERY_TYPE, EVERY_TYPE)));
        int frameBytes = buf.readableBytes();
        int computed = IngestCodec.MAX_FRAME_BYTES - IngestCodec.maxEventBytes("Counter", "Orders")
                + 2 * IngestCodec.eventBytes(EVERY_TYPE);
        assertThat(computed).isEqualTo(frameBytes);
    }

    @Test
    void everyTruncationOfAFrameIsRefusedNamingTheFieldItEndsIn() {
        ByteBuf whole = body(new IngestFrame.Events(9, "Counter", "Orders", List.of(EVERY_TYPE)));
        for (int length = 0; length < whole.readableBytes(); length++) {
            ByteBuf cut = whole.slice(0, length);
            assertThatThrownBy(() -> IngestCodec.decode(cut)).as("cut at %d bytes", length)
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageMatching(length == 0 ? "empty frame.*" : "(event 0: (value \\d+: )?)?(truncated frame: it ends "
                            + "inside |EVENTS event count).*");
        }
    }

    @Test
    void bytesAfterAFrameAreRefused() {
        ByteBuf buf = body(new IngestFrame.Ack(1, 1));
        buf.writeByte(0);
        assertThatThrownBy(() -> IngestCodec.decode(buf)).isInstanceOf(WireFormatException.class)
                .hasMessage("1 unexpected bytes after the end of the ACK frame");
    }

    @Test
    void unknownFrameTypesValueTagsAndCodesAreRefused() {
        assertThatThrownBy(() -> IngestCodec.decode(Unpooled.wrappedBuffer(new byte[] {42})))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("unknown frame type 42");

        ByteBuf badTag = body(new IngestFrame.Events(1, "a", "s", List.of(ClientEvent.of("e", 5))));
        badTag.setByte(badTag.writerIndex() - 5, 9); // the tag before the int's four bytes
        assertThatThrownBy(() -> IngestCodec.decode(badTag)).isInstanceOf(WireFormatException.class)
                .hasMessage("event 0: value 0: unknown type tag 9 (known: 0 to 6)");

        ByteBuf badBool = body(new IngestFrame.Events(1, "a", "s", List.of(ClientEvent.of("e", true))));
        badBool.setByte(badBool.writerIndex() - 1, 2);
        assertThatThrownBy(() -> IngestCodec.decode(badBool)).isInstanceOf(WireFormatException.class)
                .hasMessage("event 0: value 0: value is a bool of value 2, not 0 or 1");

        ByteBuf badCode = body(new IngestFrame.Nack(1, RefusalCode.BAD_REQUEST, "x"));
        badCode.setByte(1 + 8, 77);
        assertThatThrownBy(() -> IngestCodec.decode(badCode)).isInstanceOf(WireFormatException.class)
                .hasMessage("unknown NACK code 77");
    }

    @Test
    void aHelloWithWrongMagicOrVersionIsRefusedWithItsCode() {
        ByteBuf wrongMagic = body(new IngestFrame.Hello(1, null));
        wrongMagic.setInt(1, 0x504f5354);
        assertThatThrownBy(() -> IngestCodec.decode(wrongMagic)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("not an si-ha binary ingest client: HELLO magic is 0x504f5354")
                .satisfies(e -> assertThat(((WireFormatException) e).code()).isEqualTo(RefusalCode.BAD_REQUEST));

        ByteBuf wrongVersion = body(new IngestFrame.Hello(2, null));
        assertThatThrownBy(() -> IngestCodec.decode(wrongVersion)).isInstanceOf(WireFormatException.class)
                .hasMessage("protocol version 2 is not supported; this node speaks version 1")
                .satisfies(e -> assertThat(((WireFormatException) e).code())
                        .isEqualTo(RefusalCode.UNSUPPORTED_VERSION));
    }

    @Test
    void hostileCountsAndLengthsAreRefusedBeforeAnythingIsAllocated() {
        ByteBuf hugeCount = body(new IngestFrame.Events(1, "a", "s", List.of()));
        hugeCount.setInt(hugeCount.writerIndex() - 4, Integer.MAX_VALUE);
        assertThatThrownBy(() -> IngestCodec.decode(hugeCount)).isInstanceOf(WireFormatException.class)
                .hasMessage("EVENTS event count 2147483647 does not fit the 0 bytes left in the frame");

        ByteBuf negativeString = body(new IngestFrame.Events(1, "a", "s", List.of(ClientEvent.of("e", "abc"))));
        negativeString.setInt(negativeString.writerIndex() - 7, -5);
        assertThatThrownBy(() -> IngestCodec.decode(negativeString)).isInstanceOf(WireFormatException.class)
                .hasMessage("event 0: value 0: value has a negative length -5");

        ByteBuf longString = body(new IngestFrame.Events(1, "a", "s", List.of(ClientEvent.of("e", "abc"))));
        longString.setInt(longString.writerIndex() - 7, 1 << 30);
        assertThatThrownBy(() -> IngestCodec.decode(longString)).isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("event 0: value 0: truncated frame: it ends inside value");
    }

    @Test
    void invalidUtf8AndEmptyNamesAreRefused() {
        ByteBuf badUtf8 = body(new IngestFrame.Events(1, "a", "s", List.of(ClientEvent.of("e", "ab"))));
        badUtf8.setByte(badUtf8.writerIndex() - 1, 0xff);
        assertThatThrownBy(() -> IngestCodec.decode(badUtf8)).isInstanceOf(WireFormatException.class)
                .hasMessage("event 0: value 0: value is not valid UTF-8");

        ByteBuf emptyApp = Unpooled.buffer().writeByte(IngestCodec.EVENTS).writeLong(1).writeShort(0);
        assertThatThrownBy(() -> IngestCodec.decode(emptyApp)).isInstanceOf(WireFormatException.class)
                .hasMessage("EVENTS app is empty");
    }

    @Test
    void theFrameSplitterRefusesALengthBeyondTheLimitAtOnce() {
        EmbeddedChannel channel = new EmbeddedChannel();
        IngestFrameHandlers.addTo(channel.pipeline());
        // "POST" read as a length: an HTTP client on the binary port.
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer("POST /v1 HTTP/1.1\r\n".getBytes())))
                .isInstanceOf(TooLongFrameException.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void framesSplitAcrossReadsAndManyInOneReadAreDecoded() {
        EmbeddedChannel channel = new EmbeddedChannel();
        IngestFrameHandlers.addTo(channel.pipeline());
        ByteBuf stream = Unpooled.buffer();
        List<IngestFrame> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            IngestFrame frame = new IngestFrame.Events(i, "a", "s", List.of(EVERY_TYPE));
            IngestCodec.encode(frame, stream);
            sent.add(frame);
        }
        while (stream.isReadable()) {
            channel.writeInbound(stream.readRetainedSlice(Math.min(7, stream.readableBytes())));
        }
        List<Object> received = new ArrayList<>();
        Object frame;
        while ((frame = channel.readInbound()) != null) {
            received.add(frame);
        }
        assertThat(received).isEqualTo(sent);
        channel.finishAndReleaseAll();
    }

    @Test
    void aFrameTooLargeToCarryFailsAtTheSenderAndLeavesTheBufferAsItWas() {
        String big = "x".repeat(IngestCodec.MAX_FRAME_BYTES);
        ByteBuf buf = Unpooled.buffer().writeByte(1);
        assertThatThrownBy(() -> IngestCodec.encode(new IngestFrame.Events(1, "a", "s",
                List.of(ClientEvent.of("e", big))), buf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than the 4194304 a frame may hold");
        assertThat(buf.readableBytes()).isEqualTo(1);
    }

    @Test
    void clientEventsRefuseWhatTheProtocolCannotCarry() {
        assertThatThrownBy(() -> ClientEvent.of("e", new java.util.Date()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 0 is a java.util.Date: send String, Integer, Long, Float, Double, Boolean or null");
        assertThatThrownBy(() -> ClientEvent.of("", 1)).hasMessageStartingWith("event id must have 1 to 256");
        assertThatThrownBy(() -> ClientEvent.of("x".repeat(257), 1)).hasMessageStartingWith("event id must have");
        assertThatThrownBy(() -> ClientEvent.of("é".repeat(128), 1)).as("256 UTF-8 bytes")
                .hasMessageStartingWith("event id must have");
        assertThatThrownBy(() -> ClientEvent.of("a\ud800", 1)).as("an unpaired surrogate")
                .hasMessageStartingWith("event id must have");
        assertThat(ClientEvent.of("😀".repeat(60), 1).id()).as("paired surrogates are fine").hasSize(120);
        assertThatThrownBy(() -> new ClientEvent("e", -1, 1)).hasMessageStartingWith("timestamp must be");
        assertThatThrownBy(() -> ClientEvent.of("e", "x\udc00")).hasMessage("value 0 has an unpaired surrogate, "
                + "which UTF-8 cannot carry");
    }
}
