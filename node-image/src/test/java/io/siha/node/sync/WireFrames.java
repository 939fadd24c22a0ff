package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;

/**
 * The sync wire format for tests outside this package (the fuzz tests): valid frames of every type as they travel,
 * length prefix included, and what a fresh {@link FrameDecoder} makes of a byte stream. Frames themselves stay
 * package-private; outside, a frame is its bytes.
 */
public final class WireFrames {

    /** The largest frame the nodes accept (their {@code MAX_SYNC_FRAME_BYTES}). */
    public static final int MAX_FRAME_BYTES = TestSettings.MAX_FRAME_BYTES;
    /** Bytes of the length prefix in front of every frame. */
    public static final int LENGTH_BYTES = 4;
    /** Offset of the frame type code in a frame with its prefix: after the length and the version. */
    public static final int TYPE_OFFSET = LENGTH_BYTES + 1;

    private WireFrames() {
    }

    /**
     * What the decoder made of a stream: the frames it decoded, each encoded again (so they compare by bytes), and
     * either the reason of its {@link BadFrameException} or any other exception it threw, which it never should.
     */
    public record Decoded(List<byte[]> frames, String badFrame, Throwable unexpected) {

        public boolean refused() {
            return badFrame != null;
        }
    }

    /** Any valid frame, every field drawn within its limits. */
    public static Arbitrary<byte[]> anyValidFrame() {
        return Arbitraries.oneOf(challenge(), hello(), welcome(), refused(), events(), ack(), control())
                .map(WireFrames::withLength);
    }

    /**
     * The event as the passive holds it once replicated: encoded as the active journals and sends it, then decoded.
     * Throws IllegalArgumentException for an event the protocol cannot carry (a name over 255 UTF-8 bytes, an
     * event larger than a frame).
     */
    public static SyncEvent replicated(SyncEvent event) {
        byte[] encoded = EventCodec.encode(event);
        if (encoded.length > MAX_FRAME_BYTES - FrameCodec.EVENTS_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("the event encodes to " + encoded.length + " bytes, more than a frame"
                    + " holds");
        }
        return EventCodec.decode(encoded, event.seq());
    }

    /**
     * Feeds {@code chunks} as consecutive reads into a fresh decoder, then ends the stream. The channel allocates
     * unpooled heap buffers, so every byte the decoder buffers shows in the caller thread's allocation count.
     */
    public static Decoded decode(List<byte[]> chunks, int maxFrameBytes) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(new UnpooledByteBufAllocator(false));
        channel.pipeline().addLast(new FrameDecoder(maxFrameBytes));
        List<byte[]> frames = new ArrayList<>();
        try {
            for (byte[] chunk : chunks) {
                channel.writeInbound(Unpooled.wrappedBuffer(chunk));
                drain(channel, frames);
            }
            channel.finish();
            drain(channel, frames);
            return new Decoded(frames, null, null);
        } catch (DecoderException e) {
            drain(channel, frames);
            return e.getCause() instanceof BadFrameException bad ? new Decoded(frames, bad.getMessage(), null)
                    : new Decoded(frames, null, e);
        } catch (RuntimeException | Error e) {
            return new Decoded(frames, null, e);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void drain(EmbeddedChannel channel, List<byte[]> frames) {
        for (Object frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            frames.add(withLength((Frame) frame));
        }
    }

    static byte[] withLength(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeInt(0);
            FrameCodec.encode(frame, buf);
            buf.setInt(0, buf.readableBytes() - LENGTH_BYTES);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static Arbitrary<Frame> challenge() {
        return fixedBytes(FrameCodec.NONCE_BYTES).map(Frame.Challenge::new);
    }

    private static Arbitrary<Frame> hello() {
        return Combinators.combine(name(), name(), counter(), fixedBytes(FrameCodec.PROOF_BYTES))
                .as(Frame.Hello::new);
    }

    private static Arbitrary<Frame> welcome() {
        return Combinators.combine(counter(), counter(), Arbitraries.integers().greaterOrEqual(1))
                .as((a, b, capacity) -> new Frame.Welcome(Math.max(a, b), Math.min(a, b), capacity));
    }

    private static Arbitrary<Frame> refused() {
        return Arbitraries.strings().ofMaxLength(FrameCodec.MAX_REASON_BYTES / 4).map(Frame.Refused::new);
    }

    private static Arbitrary<Frame> events() {
        return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE - 100), event().list().ofMinSize(1)
                .ofMaxSize(5)).as((firstSeq, events) -> new Frame.Events(firstSeq, events));
    }

    private static Arbitrary<Frame> ack() {
        return Combinators.combine(counter(), Arbitraries.integers().between(0, 100)).as(Frame.Ack::new);
    }

    private static Arbitrary<Frame> control() {
        return Combinators.combine(counter(), counter()).as(Frame.Control::new);
    }

    /** One event in {@link EventCodec}'s form, with values of every attribute type. */
    private static Arbitrary<byte[]> event() {
        return Combinators.combine(Arbitraries.longs(), name(), name(), name().injectNull(0.3),
                        attributeValue().list().ofMaxSize(6))
                .as((timestamp, app, stream, eventId, values) -> EventCodec.encode(
                        new SyncEvent(1, timestamp, app, stream, eventId, values.toArray())));
    }

    private static Arbitrary<Object> attributeValue() {
        return Arbitraries.<Object>oneOf(Arbitraries.strings().ofMaxLength(40), Arbitraries.integers(),
                Arbitraries.longs(), Arbitraries.floats(), Arbitraries.doubles(), Arbitraries.of(true, false))
                .injectNull(0.15);
    }

    /** A name of 1 to 60 characters: at most 240 UTF-8 bytes, within the protocol's 255. */
    private static Arbitrary<String> name() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(60);
    }

    private static Arbitrary<Long> counter() {
        return Arbitraries.longs().greaterOrEqual(0);
    }

    private static Arbitrary<byte[]> fixedBytes(int length) {
        return Arbitraries.bytes().array(byte[].class).ofSize(length);
    }
}
