package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.siha.node.fuzz.Draw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Random;

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
    public static byte[] anyValidFrame(Random random) {
        Frame frame = switch (random.nextInt(9)) {
            case 0 -> challenge(random);
            case 1 -> hello(random);
            case 2 -> welcome(random);
            case 3 -> refused(random);
            case 4 -> events(random);
            case 5 -> ack(random);
            case 6 -> delivered(random);
            case 7 -> digest(random);
            default -> control(random);
        };
        return withLength(frame);
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

    private static Frame challenge(Random random) {
        return new Frame.Challenge(Draw.bytes(random, FrameCodec.NONCE_BYTES, FrameCodec.NONCE_BYTES));
    }

    private static Frame hello(Random random) {
        return new Frame.Hello(name(random), name(random), counter(random),
                Draw.bytes(random, FrameCodec.PROOF_BYTES, FrameCodec.PROOF_BYTES));
    }

    private static Frame welcome(Random random) {
        long a = counter(random);
        long b = counter(random);
        return new Frame.Welcome(Math.max(a, b), Math.min(a, b), Draw.between(random, 1, Integer.MAX_VALUE));
    }

    private static Frame refused(Random random) {
        return new Frame.Refused(Draw.string(random, 0, FrameCodec.MAX_REASON_BYTES / 4, true));
    }

    private static Frame events(Random random) {
        return new Frame.Events(Draw.between(random, 1, Long.MAX_VALUE - 100), Draw.list(random, 1, 5,
                () -> event(random)));
    }

    private static Frame ack(Random random) {
        return new Frame.Ack(counter(random), Draw.between(random, 0, 100));
    }

    private static Frame delivered(Random random) {
        List<DeliveredMark> marks = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            marks.add(new DeliveredMark("sink-" + random.nextInt(1000) + "#" + random.nextInt(3),
                    1 + (random.nextLong() & Long.MAX_VALUE) % 1_000_000_000L, random.nextInt(100)));
        }
        return new Frame.Delivered(marks);
    }

    private static Frame digest(Random random) {
        Map<String, String> apps = new HashMap<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            apps.put("app-" + random.nextInt(1000), HexFormat.of().formatHex(Draw.bytes(random, 32, 32)));
        }
        return new Frame.Digest(new StateDigest(1 + (random.nextLong() & Long.MAX_VALUE) % 1_000_000_000L, apps));
    }

    private static Frame control(Random random) {
        return new Frame.Control(counter(random), counter(random));
    }

    /** One event in {@link EventCodec}'s form, with values of every attribute type. */
    private static byte[] event(Random random) {
        long timestamp = Draw.anyLong(random);
        String app = name(random);
        String stream = name(random);
        String eventId = Draw.orNull(random, 0.3, () -> name(random));
        List<Object> values = Draw.list(random, 0, 6, () -> attributeValue(random));
        return EventCodec.encode(new SyncEvent(1, timestamp, app, stream, eventId, values.toArray()));
    }

    /** A value of any attribute type, or null; floating point ones NaN and infinite too. */
    private static Object attributeValue(Random random) {
        if (Draw.chance(random, 0.15)) {
            return null;
        }
        return switch (random.nextInt(7)) {
            case 0 -> Draw.string(random, 0, 40, true);
            case 1 -> Integer.valueOf(Draw.anyInt(random));
            case 2 -> Long.valueOf(Draw.anyLong(random));
            case 3 -> Float.valueOf(Draw.anyFloat(random));
            case 4 -> Double.valueOf(Draw.anyDouble(random));
            case 5 -> Draw.<Object>of(random, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Double.NaN,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            default -> Boolean.valueOf(random.nextBoolean());
        };
    }

    /** A name of 1 to 60 characters: at most 240 UTF-8 bytes, within the protocol's 255. */
    private static String name(Random random) {
        return Draw.string(random, 1, 60, true);
    }

    private static long counter(Random random) {
        return Draw.between(random, 0, Long.MAX_VALUE);
    }
}
