package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    @ParameterizedTest
    @MethodSource("edgeValues")
    void everyAttributeTypeRoundTripsWithItsEdgeValues(Object value) {
        SyncEvent event = new SyncEvent(7, -1, "app", "stream", null, new Object[] {value});

        SyncEvent decoded = roundTrip(event);

        assertThat(decoded).isEqualTo(event);
        if (value != null) {
            assertThat(decoded.data()[0]).isExactlyInstanceOf(value.getClass());
        }
    }

    static Stream<Object> edgeValues() {
        return Stream.of(null, "", "plain", "ünïcödé 漢字 \uD83D\uDE80", "x".repeat(70_000),
                0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
                0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                0.0f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY,
                0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                true, false);
    }

    @Test
    void anEventKeepsItsFieldsAndTheOrderOfItsAttributes() {
        SyncEvent event = new SyncEvent(Long.MAX_VALUE, Long.MIN_VALUE, "a".repeat(255), "流", "",
                new Object[] {"s", 1, 2L, 3.5f, 4.25, true, null});

        assertThat(roundTrip(event)).isEqualTo(event);
        assertThat(roundTrip(new SyncEvent(1, 0, "a", "s", "id-1", new Object[0])).eventId()).isEqualTo("id-1");
        assertThat(roundTrip(new SyncEvent(1, 0, "a", "s", null, new Object[0])).eventId()).isNull();
    }

    @Test
    void aTypicalThreeAttributeEventIsCompact() {
        SyncEvent event = new SyncEvent(1, System.currentTimeMillis(), "counter", "Input", "order-12345",
                new Object[] {"IBM", 42, 101.5});

        // 8 timestamp + 8 app + 6 stream + 12 event id + 1 count + 5 symbol + 5 int + 9 double
        assertThat(EventCodec.encode(event)).hasSize(54);
    }

    @Test
    void everyFrameTypeRoundTrips() {
        byte[] nonce = new byte[FrameCodec.NONCE_BYTES];
        Arrays.fill(nonce, (byte) 0xAB);
        byte[] proof = new byte[FrameCodec.PROOF_BYTES];
        Arrays.fill(proof, (byte) 0xCD);

        assertThat(((Frame.Challenge) decode(new Frame.Challenge(nonce))).nonce()).isEqualTo(nonce);
        Frame.Hello hello = (Frame.Hello) decode(new Frame.Hello("group", "node-0", Long.MAX_VALUE, proof));
        assertThat(hello.clusterGroup()).isEqualTo("group");
        assertThat(hello.nodeId()).isEqualTo("node-0");
        assertThat(hello.epoch()).isEqualTo(Long.MAX_VALUE);
        assertThat(hello.proof()).isEqualTo(proof);
        assertThat(decode(new Frame.Welcome(10, 4, 100))).isEqualTo(new Frame.Welcome(10, 4, 100));
        assertThat(decode(new Frame.Refused("stale epoch 1 < 2"))).isEqualTo(new Frame.Refused("stale epoch 1 < 2"));
        assertThat(decode(new Frame.Ack(99, 100))).isEqualTo(new Frame.Ack(99, 100));
        assertThat(decode(new Frame.Control(3, 42))).isEqualTo(new Frame.Control(3, 42));
        Frame.Delivered marks = new Frame.Delivered(List.of(new DeliveredMark("Relay-Relayed-HaSinkHandler#0", 1042, 0),
                new DeliveredMark("流", Long.MAX_VALUE, Integer.MAX_VALUE)));
        assertThat(decode(marks)).isEqualTo(marks);
        assertThat(decode(new Frame.Delivered(List.of()))).isEqualTo(new Frame.Delivered(List.of()));
        Frame.Digest digest = new Frame.Digest(new StateDigest(77, Map.of("Counter", "ab".repeat(32), "流", "0f".repeat(32))));
        assertThat(decode(digest)).isEqualTo(digest);
        List<SyncEvent> events = TestEvents.range(41, 43);
        Frame.Events decoded = (Frame.Events) decode(TestEvents.frame(41, events));
        assertThat(decoded.firstSeq()).isEqualTo(41);
        assertThat(TestEvents.eventsOf(decoded)).isEqualTo(events);
    }

    @Test
    void theDecoderKeepsEachEventsBytesExactlyAsTheyWereSent() {
        List<SyncEvent> events = TestEvents.range(1000, 1099);
        List<byte[]> encoded = events.stream().map(EventCodec::encode).toList();

        Frame.Events decoded = (Frame.Events) decode(new Frame.Events(1000, encoded));
        assertThat(decoded.encodedEvents()).containsExactlyElementsOf(encoded); // AssertJ compares arrays by content
        assertThat(TestEvents.eventsOf(decoded)).isEqualTo(events);
    }

    @Test
    void aTooLongReasonIsCutRatherThanRefused() {
        Frame.Refused decoded = (Frame.Refused) decode(new Frame.Refused("why ".repeat(1000)));

        assertThat(decoded.reason()).startsWith("why why").hasSizeLessThanOrEqualTo(FrameCodec.MAX_REASON_BYTES);
    }

    @Test
    void encodingRefusesWhatDecodingWouldReject() {
        assertThatThrownBy(() -> EventCodec.encode(new SyncEvent(1, 0, "a".repeat(256), "s", null, new Object[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app");
        assertThatThrownBy(() -> EventCodec.encode(new SyncEvent(1, 0, "a", "", null, new Object[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream");
        assertThatThrownBy(() -> EventCodec.encode(new SyncEvent(1, 0, "a", "s", null, new Object[1025])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025 attributes");
        assertThatThrownBy(() -> EventCodec.encode(new SyncEvent(1, 0, "a", "s", null,
                new Object[] {new StringBuilder()})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StringBuilder");
        assertThatThrownBy(() -> new SyncEvent(0, 0, "a", "s", null, new Object[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void aBadFrameIsRejectedWithAReasonNamingTheProblem(String problem, byte[] frame, String reason) {
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(frame)))
                .isInstanceOf(BadFrameException.class)
                .hasMessageContaining(reason);
    }

    static Stream<Object[]> badFrames() {
        return Stream.of(
                bad("wrong version", bytes(2, 6), "unsupported protocol version 2"),
                bad("unknown type", bytes(1, 99), "unknown frame type 99"),
                bad("empty", bytes(), "version"),
                bad("short nonce", concat(bytes(1, 1), new byte[15]), "CHALLENGE nonce"),
                bad("trailing bytes", concat(bytes(1, 1), new byte[17]), "1 unexpected bytes after the CHALLENGE"),
                bad("empty group", concat(bytes(1, 2, 0)), "HELLO clusterGroup is empty"),
                bad("overlong group", concat(bytes(1, 2), varint(256), new byte[256]), "HELLO clusterGroup length"),
                bad("group longer than frame", concat(bytes(1, 2, 100), "abc".getBytes()), "frame ends inside"),
                bad("bad utf-8", concat(bytes(1, 2, 2, 0xC3, 0x28)), "not valid UTF-8"),
                bad("negative epoch", hello(-5), "HELLO epoch is negative"),
                bad("ack over 100%", concat(bytes(1, 6), int64(5), bytes(101)), "fillPercent 101"),
                bad("negative control seq", concat(bytes(1, 7), int64(1), int64(-1)), "CONTROL lastSeq"),
                bad("welcome persisted beyond last", concat(bytes(1, 3), int64(1), int64(2), int32(5)),
                        "persistedSeq 2 is beyond lastSeq 1"),
                bad("zero events", concat(bytes(1, 5), int64(1), varint(0)), "not a valid range"),
                bad("events from seq 0", concat(bytes(1, 5), int64(0), varint(1), minimalEvent()), "not a valid range"),
                bad("more events than bytes", concat(bytes(1, 5), int64(1), varint(2), minimalEvent()),
                        "EVENTS count is 2"),
                bad("unknown type tag", concat(bytes(1, 5), int64(1), varint(1), eventHead(1), bytes(9)),
                        "attribute 0 has unknown type tag 9"),
                bad("too many attributes", concat(bytes(1, 5), int64(1), varint(1), eventHead(1025)),
                        "attribute count is 1025"),
                bad("bool of 2", concat(bytes(1, 5), int64(1), varint(1), eventHead(1), bytes(6, 2)), "not 0 or 1"),
                bad("string past the frame", concat(bytes(1, 5), int64(1), varint(1), eventHead(1), bytes(1),
                        varint(1000), "short".getBytes()), "frame ends inside EVENTS event 0 attribute 0"),
                bad("truncated long", concat(bytes(1, 5), int64(1), varint(1), eventHead(1), bytes(3, 0, 0)),
                        "frame ends inside"),
                bad("overlong varint", concat(bytes(1, 5), int64(1), bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)),
                        "EVENTS count"),
                bad("more marks than bytes", concat(bytes(1, 8), varint(5), bytes(1, 'a'), int64(1), int32(0)),
                        "DELIVERED count is 5"),
                bad("mark of seq 0", concat(bytes(1, 8), varint(1), bytes(1, 'a'), int64(0), int32(0)),
                        "names no output"),
                bad("mark at a negative position", concat(bytes(1, 8), varint(1), bytes(1, 'a'), int64(3), int32(-1)),
                        "names no output"),
                bad("mark of an empty sink", concat(bytes(1, 8), varint(1), bytes(0), int64(3), int32(0)),
                        "DELIVERED sink 0 is empty"),
                bad("mark cut short", concat(bytes(1, 8), varint(1), bytes(1, 'a'), int64(3)), "DELIVERED count is 1"),
                bad("digest of no app", concat(bytes(1, 9), int64(5), varint(0)), "digests no state"),
                bad("digest of seq 0", concat(bytes(1, 9), int64(0), varint(1), bytes(1, 'a'), new byte[32]),
                        "digests no state"),
                bad("digest cut short", concat(bytes(1, 9), int64(5), varint(1), bytes(1, 'a'), new byte[31]),
                        "frame ends inside DIGEST sha256 0"),
                bad("more digests than bytes", concat(bytes(1, 9), int64(5), varint(3), bytes(1, 'a'), new byte[32]),
                        "DIGEST count is 3"),
                bad("an app digested twice", concat(bytes(1, 9), int64(5), varint(2), bytes(1, 'a'), new byte[32],
                        bytes(1, 'a'), new byte[32]), "names app 'a' twice"),
                bad("digest of an empty app name", concat(bytes(1, 9), int64(5), varint(1), bytes(0), new byte[33]),
                        "DIGEST app 0 is empty"));
    }

    private static SyncEvent roundTrip(SyncEvent event) {
        Frame.Events decoded = (Frame.Events) decode(TestEvents.frame(event.seq(), List.of(event)));
        assertThat(decoded.encodedEvents()).hasSize(1);
        return TestEvents.eventsOf(decoded).get(0);
    }

    private static Frame decode(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            FrameCodec.encode(frame, buf);
            return FrameCodec.decode(buf);
        } finally {
            buf.release();
        }
    }

    private static Object[] bad(String problem, byte[] frame, String reason) {
        return new Object[] {problem, frame, reason};
    }

    private static byte[] hello(long epoch) {
        return concat(bytes(1, 2, 1), "g".getBytes(), bytes(1), "n".getBytes(), int64(epoch), new byte[32]);
    }

    /** timestamp, app "a", stream "s", no event id, then the attribute count. */
    private static byte[] eventHead(int attributes) {
        return concat(int64(0), bytes(1, 'a', 1, 's', 0), varint(attributes));
    }

    private static byte[] minimalEvent() {
        return eventHead(0);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] int32(int value) {
        return Unpooled.copyInt(value).array();
    }

    static byte[] int64(long value) {
        return Unpooled.copyLong(value).array();
    }

    static byte[] varint(int value) {
        ByteBuf buf = Unpooled.buffer();
        new FieldWriter(buf).varint(value);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
