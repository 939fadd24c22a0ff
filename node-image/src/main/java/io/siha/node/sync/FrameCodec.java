package io.siha.node.sync;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns frames into bytes and back, checking every field. A frame on the wire is
 * {@code length uint32 | version uint8 | type uint8 | body}, where length counts the bytes after itself; the
 * length prefix is {@link FrameDecoder}'s and {@link FrameEncoder}'s business, the rest is this class's.
 */
final class FrameCodec {

    static final int VERSION = 1;
    /** version and type */
    static final int HEADER_BYTES = 2;
    static final int NONCE_BYTES = 16;
    /** HMAC-SHA256 */
    static final int PROOF_BYTES = 32;
    static final int SHA256_BYTES = 32;
    static final int MAX_NAME_BYTES = 255;
    static final int MAX_REASON_BYTES = 1024;
    /** What an EVENTS frame needs besides its events: header, first sequence number, longest count varint. */
    static final int EVENTS_OVERHEAD_BYTES = HEADER_BYTES + 8 + 5;

    private FrameCodec() {
    }

    static void encode(Frame frame, ByteBuf out) {
        FieldWriter w = new FieldWriter(out).uint8(VERSION).uint8(frame.type().code);
        // Java 17 has no pattern switch; the sealed interface still makes this list the complete one.
        if (frame instanceof Frame.Challenge c) {
            w.bytes(c.nonce());
        } else if (frame instanceof Frame.Hello h) {
            w.name("clusterGroup", h.clusterGroup()).name("nodeId", h.nodeId()).int64(h.epoch()).bytes(h.proof());
        } else if (frame instanceof Frame.Welcome welcome) {
            w.int64(welcome.lastSeq()).int64(welcome.persistedSeq()).int32(welcome.queueCapacity());
        } else if (frame instanceof Frame.Refused r) {
            w.string("reason", truncate(r.reason()), MAX_REASON_BYTES);
        } else if (frame instanceof Frame.Events e) {
            w.int64(e.firstSeq()).varint(e.encodedEvents().size());
            e.encodedEvents().forEach(w::bytes);
        } else if (frame instanceof Frame.Ack a) {
            w.int64(a.lastSeq()).uint8(a.fillPercent());
        } else if (frame instanceof Frame.Control c) {
            w.int64(c.revision()).int64(c.lastSeq());
        } else if (frame instanceof Frame.Digest d) {
            w.int64(d.digest().seq()).varint(d.digest().sha256().size());
            d.digest().sha256().forEach((app, hex) -> w.name("app", app).bytes(HexFormat.of().parseHex(hex)));
        } else if (frame instanceof Frame.Delivered d) {
            w.varint(d.marks().size());
            for (DeliveredMark mark : d.marks()) {
                w.name("sink", mark.sink()).int64(mark.seq()).int32(mark.position());
            }
        } else {
            throw new IllegalArgumentException("unknown frame " + frame);
        }
    }

    /** Decodes the bytes of exactly one frame, length prefix excluded. */
    static Frame decode(ByteBuf bytes) {
        FieldReader in = new FieldReader(bytes);
        int version = in.uint8("version");
        if (version != VERSION) {
            throw new BadFrameException("unsupported protocol version " + version + "; this node speaks "
                    + VERSION);
        }
        int code = in.uint8("frame type");
        FrameType type = FrameType.ofCode(code);
        if (type == null) {
            throw new BadFrameException("unknown frame type " + code);
        }
        Frame frame = switch (type) {
            case CHALLENGE -> new Frame.Challenge(in.bytes("CHALLENGE nonce", NONCE_BYTES));
            case HELLO -> new Frame.Hello(in.name("HELLO clusterGroup"), in.name("HELLO nodeId"),
                    in.counter("HELLO epoch"), in.bytes("HELLO proof", PROOF_BYTES));
            case WELCOME -> welcome(in);
            case REFUSED -> new Frame.Refused(in.string("REFUSED reason", MAX_REASON_BYTES));
            case EVENTS -> events(in);
            case ACK -> ack(in);
            case CONTROL -> new Frame.Control(in.counter("CONTROL revision"), in.counter("CONTROL lastSeq"));
            case DELIVERED -> delivered(in);
            case DIGEST -> digest(in);
        };
        in.expectEnd(type.name());
        return frame;
    }

    private static Frame.Welcome welcome(FieldReader in) {
        long lastSeq = in.counter("WELCOME lastSeq");
        long persistedSeq = in.counter("WELCOME persistedSeq");
        int capacity = in.int32("WELCOME queueCapacity");
        if (persistedSeq > lastSeq) {
            throw new BadFrameException("WELCOME persistedSeq " + persistedSeq + " is beyond lastSeq " + lastSeq);
        }
        if (capacity < 1) {
            throw new BadFrameException("WELCOME queueCapacity " + capacity + " is not positive");
        }
        return new Frame.Welcome(lastSeq, persistedSeq, capacity);
    }

    private static Frame.Events events(FieldReader in) {
        long firstSeq = in.counter("EVENTS firstSeq");
        // Bounding the count by the bytes left keeps a lying count from allocating a huge list.
        int count = in.varint("EVENTS count", in.remaining() / EventCodec.MIN_EVENT_BYTES);
        if (firstSeq < 1 || count < 1 || firstSeq - 1 > Long.MAX_VALUE - count) {
            throw new BadFrameException("EVENTS with firstSeq " + firstSeq + " and count " + count
                    + " is not a valid range");
        }
        List<byte[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long seq = firstSeq + i;
            String where = "EVENTS event " + i;
            // Every field is read and checked now, so bad input is refused on arrival, not at a takeover.
            events.add(in.copyOfChecked(reader -> EventCodec.read(reader, seq, where)));
        }
        return new Frame.Events(firstSeq, events);
    }

    private static Frame.Delivered delivered(FieldReader in) {
        // Each mark takes at least a name length, a seq and a position: a lying count cannot allocate a huge list.
        int count = in.varint("DELIVERED count", in.remaining() / (1 + 8 + 4));
        List<DeliveredMark> marks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String sink = in.name("DELIVERED sink " + i);
            long seq = in.counter("DELIVERED seq " + i);
            int position = in.int32("DELIVERED position " + i);
            if (seq < 1 || position < 0) {
                throw new BadFrameException("DELIVERED mark " + i + " (seq " + seq + ", position " + position
                        + ") names no output");
            }
            marks.add(new DeliveredMark(sink, seq, position));
        }
        return new Frame.Delivered(marks);
    }

    private static Frame.Digest digest(FieldReader in) {
        long seq = in.counter("DIGEST seq");
        // Each app takes at least a name length, one name byte and its digest: a lying count allocates nothing big.
        int count = in.varint("DIGEST count", in.remaining() / (2 + SHA256_BYTES));
        if (seq < 1 || count < 1) {
            throw new BadFrameException("DIGEST of seq " + seq + " with " + count + " apps digests no state");
        }
        Map<String, String> apps = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String app = in.name("DIGEST app " + i);
            if (apps.put(app, HexFormat.of().formatHex(in.bytes("DIGEST sha256 " + i, SHA256_BYTES))) != null) {
                throw new BadFrameException("DIGEST names app '" + app + "' twice");
            }
        }
        return new Frame.Digest(new StateDigest(seq, apps));
    }

    private static Frame.Ack ack(FieldReader in) {
        long lastSeq = in.counter("ACK lastSeq");
        int fill = in.uint8("ACK fillPercent");
        if (fill > 100) {
            throw new BadFrameException("ACK fillPercent " + fill + " is over 100");
        }
        return new Frame.Ack(lastSeq, fill);
    }

    /** A refusal reason is for humans; cut it rather than fail to send it. */
    private static String truncate(String reason) {
        return reason.length() > MAX_REASON_BYTES / 4 ? reason.substring(0, MAX_REASON_BYTES / 4) : reason;
    }
}
