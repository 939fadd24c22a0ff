package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The wire form of one event inside an EVENTS frame. The sequence number is not part of it: a frame carries the
 * first one and its events follow contiguously.
 *
 * <pre>
 * timestamp int64 | app name | stream name | eventId optional name | attribute count varint | attributes
 * attribute = type tag uint8, then: nothing (null) | varint length + UTF-8 (string) | int32 | int64 | float32
 *             | float64 | uint8 0 or 1 (bool)
 * </pre>
 */
final class EventCodec {

    /** The smallest event: timestamp, one-byte app and stream names, no event id, no attributes. */
    static final int MIN_EVENT_BYTES = 8 + 2 + 2 + 1 + 1;
    /** A Siddhi stream with more attributes than this is not a stream anybody writes; a frame claiming it lies. */
    static final int MAX_ATTRIBUTES = 1024;

    private EventCodec() {
    }

    /** Encodes an event for the journal; fails on a name too long or a value the protocol cannot carry. */
    static byte[] encode(SyncEvent event) {
        ByteBuf buf = Unpooled.buffer(64 + 16 * event.data().length);
        try {
            write(event, new FieldWriter(buf));
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Decodes what {@link #encode} wrote, giving it sequence number {@code seq}. */
    static SyncEvent decode(byte[] encoded, long seq) {
        ByteBuf buf = Unpooled.wrappedBuffer(encoded);
        SyncEvent event = read(new FieldReader(buf), seq, "event " + seq);
        new FieldReader(buf).expectEnd("event " + seq);
        return event;
    }

    static void write(SyncEvent event, FieldWriter out) {
        Object[] data = event.data();
        if (data.length > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException(event.app() + "/" + event.stream() + " has " + data.length
                    + " attributes, more than the limit of " + MAX_ATTRIBUTES);
        }
        out.int64(event.timestamp())
                .name("app", event.app())
                .name("stream", event.stream())
                .optionalName("eventId", event.eventId())
                .varint(data.length);
        for (Object value : data) {
            writeValue(value, out);
        }
    }

    /** Reads one event that gets sequence number {@code seq}; {@code where} names it in error messages. */
    static SyncEvent read(FieldReader in, long seq, String where) {
        long timestamp = in.int64(where + " timestamp");
        String app = in.name(where + " app");
        String stream = in.name(where + " stream");
        String eventId = in.optionalName(where + " eventId");
        int count = in.varint(where + " attribute count", MAX_ATTRIBUTES);
        Object[] data = new Object[count];
        for (int i = 0; i < count; i++) {
            data[i] = readValue(in, where + " attribute " + i);
        }
        return new SyncEvent(seq, timestamp, app, stream, eventId, data);
    }

    private static void writeValue(Object value, FieldWriter out) {
        AttributeType type = AttributeType.of(value);
        out.uint8(type.tag);
        switch (type) {
            case NULL -> { }
            case STRING -> out.string("string attribute", (String) value, Integer.MAX_VALUE);
            case INT -> out.int32((Integer) value);
            case LONG -> out.int64((Long) value);
            case FLOAT -> out.int32(Float.floatToRawIntBits((Float) value));
            case DOUBLE -> out.int64(Double.doubleToRawLongBits((Double) value));
            case BOOL -> out.uint8((Boolean) value ? 1 : 0);
        }
    }

    private static Object readValue(FieldReader in, String field) {
        int tag = in.uint8(field + " type tag");
        AttributeType type = AttributeType.ofTag(tag);
        if (type == null) {
            throw new BadFrameException(field + " has unknown type tag " + tag);
        }
        return switch (type) {
            case NULL -> null;
            // Bounded by the frame: the reader checks the length against the bytes left before reading.
            case STRING -> in.string(field, Integer.MAX_VALUE);
            case INT -> in.int32(field);
            case LONG -> in.int64(field);
            case FLOAT -> Float.intBitsToFloat(in.int32(field));
            case DOUBLE -> Double.longBitsToDouble(in.int64(field));
            case BOOL -> readBool(in, field);
        };
    }

    private static Boolean readBool(FieldReader in, String field) {
        int b = in.uint8(field);
        if (b > 1) {
            throw new BadFrameException(field + " is a bool of value " + b + ", not 0 or 1");
        }
        return b == 1;
    }
}
