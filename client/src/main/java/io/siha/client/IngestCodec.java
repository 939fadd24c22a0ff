package io.siha.client;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary ingest wire format, version {@value #VERSION}: the one definition both {@link SiHaClient} and the node's
 * binary ingest port use. All integers are big-endian.
 *
 * <h2>Framing</h2>
 * Every frame is {@code length u32 | body}: the length counts the body's bytes, 1 to {@value #MAX_FRAME_BYTES}
 * (4 MiB). A longer length is refused as soon as it is read, before anything is buffered, and the connection is
 * closed. The body starts with a type byte.
 *
 * <h2>Frames</h2>
 * <table>
 * <caption>Frame bodies</caption>
 * <tr><th>type</th><th>name</th><th>direction</th><th>fields after the type byte</th></tr>
 * <tr><td>1</td><td>HELLO</td><td>client to node, first frame</td>
 *     <td>{@code magic u32 = 0x53694841 ("SiHA") | version u16 = 1 | token str16} (empty: no token)</td></tr>
 * <tr><td>2</td><td>HELLO_OK</td><td>node to client</td><td>{@code version u16}</td></tr>
 * <tr><td>3</td><td>ERROR</td><td>either; the sender then closes</td><td>{@code code u8 | message str16}</td></tr>
 * <tr><td>4</td><td>EVENTS</td><td>client to node</td>
 *     <td>{@code requestId i64 | app str16 | stream str16 | count i32 | event * count}</td></tr>
 * <tr><td>5</td><td>ACK</td><td>node to client</td><td>{@code requestId i64 | count i32}</td></tr>
 * <tr><td>6</td><td>NACK</td><td>node to client</td><td>{@code requestId i64 | code u8 | message str16}</td></tr>
 * </table>
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>layout</th></tr>
 * <tr><td>str16</td><td>{@code length u16 | UTF-8 bytes} (strictly valid UTF-8)</td></tr>
 * <tr><td>str32</td><td>{@code length i32 (>= 0) | UTF-8 bytes}</td></tr>
 * <tr><td>event</td><td>{@code id str16 (empty: none) | timestamp i64 (epoch ms; 0: the node's clock) |
 *     value count u16 | value * count}</td></tr>
 * <tr><td>value</td><td>{@code tag u8 | payload}: 0 null (no payload), 1 string (str32), 2 int (i32), 3 long (i64),
 *     4 float (IEEE 754 f32), 5 double (IEEE 754 f64), 6 bool (u8 0 or 1)</td></tr>
 * <tr><td>code</td><td>1 BAD_REQUEST, 2 UNKNOWN_STREAM, 3 NOT_ACTIVE, 4 UNAUTHORIZED, 5 UNSUPPORTED_VERSION, 6 BUSY
 *     ({@link RefusalCode})</td></tr>
 * </table>
 *
 * <h2>Conversation</h2>
 * The client opens with HELLO; the node answers HELLO_OK, or ERROR (UNAUTHORIZED, UNSUPPORTED_VERSION, BAD_REQUEST)
 * and closes. Then the client sends EVENTS frames without waiting: many may be in flight on one connection, and
 * the node answers each with an ACK or a NACK carrying its request id, in any order. ACK means every event of the
 * frame is held by the pair (a repeat of a seen id counts as held, not processed twice). NACK means nothing of the
 * frame was taken: NOT_ACTIVE asks for a retry at the other node with the same ids; BAD_REQUEST (the message names
 * the event and attribute), UNKNOWN_STREAM and UNAUTHORIZED will not change on a retry. A frame that cannot be read
 * (truncated, too long, unknown type or tag, bad magic) gets an ERROR and the connection is closed; the node keeps
 * serving other connections. The node takes at most {@value #MAX_EVENTS_PER_FRAME} events per frame and ids of at
 * most {@value #MAX_ID_CHARS} characters and {@value #MAX_ID_BYTES} UTF-8 bytes, as on HTTP.
 */
public final class IngestCodec {

    public static final int MAGIC = 0x53694841;
    public static final int VERSION = 1;
    /** Largest frame body; the length prefix comes on top. */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;
    public static final int LENGTH_BYTES = 4;
    /** The node's limit on events in one EVENTS frame, the same as on one HTTP request. */
    public static final int MAX_EVENTS_PER_FRAME = 10_000;
    /** The node's limit on an event id's length, the same as for {@code $id} on HTTP. */
    public static final int MAX_ID_CHARS = 256;
    /** The node's limit on an event id's UTF-8 length: the event sync carries it in at most 255 bytes. */
    public static final int MAX_ID_BYTES = 255;
    /** Values in one event: the u16 count. */
    public static final int MAX_VALUES = 0xFFFF;

    static final int HELLO = 1;
    static final int HELLO_OK = 2;
    static final int ERROR = 3;
    static final int EVENTS = 4;
    static final int ACK = 5;
    static final int NACK = 6;

    /** An EVENTS frame's bytes besides its events and names: type, request id, two name lengths, event count. */
    private static final int EVENTS_OVERHEAD = 1 + 8 + 2 + 2 + 4;
    /** The smallest event: an empty id, a timestamp, a value count of zero. */
    private static final int MIN_EVENT_BYTES = 2 + 8 + 2;

    private IngestCodec() {
    }

    /**
     * Whether UTF-8 carries {@code s} exactly: it has no unpaired surrogate, which the encoder would replace by '?'
     * (two different ids could then arrive as one).
     */
    public static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Cuts a byte stream into frame bodies at their length prefixes (stripped); a length beyond
     * {@link #MAX_FRAME_BYTES} fails at once with a {@link io.netty.handler.codec.TooLongFrameException}.
     */
    public static LengthFieldBasedFrameDecoder frameSplitter() {
        return new LengthFieldBasedFrameDecoder(LENGTH_BYTES + MAX_FRAME_BYTES, 0, LENGTH_BYTES, 0, LENGTH_BYTES);
    }

    /**
     * Writes {@code frame}, length prefix included, at the end of {@code out}.
     *
     * @throws IllegalArgumentException when the frame cannot be carried (a name too long, a body over
     *                                  {@link #MAX_FRAME_BYTES}); nothing is then left in {@code out}
     */
    public static void encode(IngestFrame frame, ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0); // the length, patched below once the body is written
        try {
            writeBody(frame, out);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
        int length = out.writerIndex() - start - LENGTH_BYTES;
        if (length > MAX_FRAME_BYTES) {
            out.writerIndex(start);
            throw new IllegalArgumentException("the frame's body has " + length + " bytes, more than the "
                    + MAX_FRAME_BYTES + " a frame may hold: send fewer or smaller events at once");
        }
        out.setInt(start, length);
    }

    private static void writeBody(IngestFrame frame, ByteBuf out) {
        if (frame instanceof IngestFrame.Hello hello) {
            out.writeByte(HELLO).writeInt(MAGIC).writeShort(hello.version());
            Strings.writeShort(out, hello.token(), "token");
        } else if (frame instanceof IngestFrame.HelloOk ok) {
            out.writeByte(HELLO_OK).writeShort(ok.version());
        } else if (frame instanceof IngestFrame.ConnectionError error) {
            out.writeByte(ERROR).writeByte(error.code().wireCode());
            Strings.writeShort(out, Strings.fitShort(error.message()), "message");
        } else if (frame instanceof IngestFrame.Events events) {
            writeEvents(events, out);
        } else if (frame instanceof IngestFrame.Ack ack) {
            out.writeByte(ACK).writeLong(ack.requestId()).writeInt(ack.count());
        } else if (frame instanceof IngestFrame.Nack nack) {
            out.writeByte(NACK).writeLong(nack.requestId()).writeByte(nack.code().wireCode());
            Strings.writeShort(out, Strings.fitShort(nack.message()), "message");
        }
    }

    private static void writeEvents(IngestFrame.Events frame, ByteBuf out) {
        out.writeByte(EVENTS).writeLong(frame.requestId());
        Strings.writeShort(out, requireName(frame.app(), "app"), "app");
        Strings.writeShort(out, requireName(frame.stream(), "stream"), "stream");
        List<ClientEvent> events = frame.events();
        out.writeInt(events.size());
        for (ClientEvent event : events) {
            Strings.writeShort(out, event.id(), "event id");
            out.writeLong(event.timestamp());
            int count = event.valueCount();
            out.writeShort(count);
            for (int i = 0; i < count; i++) {
                Object value = event.value(i);
                ValueTag tag = ValueTag.of(value);
                out.writeByte(tag.tag);
                tag.write(out, value);
            }
        }
    }

    private static String requireName(String name, String field) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return name;
    }

    /** The bytes the events of one EVENTS frame of {@code app}/{@code stream} may take together. */
    static int maxEventBytes(String app, String stream) {
        return MAX_FRAME_BYTES - EVENTS_OVERHEAD - Strings.utf8Length(app) - Strings.utf8Length(stream);
    }

    /** Bytes {@code event} takes in an EVENTS frame. */
    static int eventBytes(ClientEvent event) {
        int size = MIN_EVENT_BYTES + (event.id() == null ? 0 : Strings.utf8Length(event.id()));
        for (int i = 0; i < event.valueCount(); i++) {
            Object value = event.value(i);
            size += 1 + ValueTag.of(value).size(value);
        }
        return size;
    }

    /**
     * Reads one frame body (its length prefix already stripped by {@link #frameSplitter()}).
     *
     * @throws WireFormatException naming what is wrong and where
     */
    public static IngestFrame decode(ByteBuf body) {
        FrameReader in = new FrameReader(body);
        if (in.remaining() == 0) {
            throw new WireFormatException("empty frame: a frame has at least its type byte");
        }
        int type = in.uint8("frame type");
        IngestFrame frame = switch (type) {
            case HELLO -> readHello(in);
            case HELLO_OK -> new IngestFrame.HelloOk(in.uint16("HELLO_OK version"));
            case ERROR -> new IngestFrame.ConnectionError(readCode(in, "ERROR code"),
                    nonNull(in.shortStringOrNull("ERROR message")));
            case EVENTS -> readEvents(in);
            case ACK -> new IngestFrame.Ack(in.int64("ACK request id"), in.int32("ACK count"));
            case NACK -> new IngestFrame.Nack(in.int64("NACK request id"), readCode(in, "NACK code"),
                    nonNull(in.shortStringOrNull("NACK message")));
            default -> throw new WireFormatException("unknown frame type " + type + " (this side speaks version "
                    + VERSION + ": types 1 to 6)");
        };
        in.expectEnd(frameName(type));
        return frame;
    }

    private static IngestFrame.Hello readHello(FrameReader in) {
        int magic = in.int32("HELLO magic");
        if (magic != MAGIC) {
            throw new WireFormatException(String.format("not an si-ha binary ingest client: HELLO magic is 0x%08x, "
                    + "expected 0x%08x", magic, MAGIC));
        }
        int version = in.uint16("HELLO version");
        if (version != VERSION) {
            // The layout after the version belongs to that version: do not read on.
            throw new WireFormatException(RefusalCode.UNSUPPORTED_VERSION, "protocol version " + version
                    + " is not supported; this node speaks version " + VERSION);
        }
        return new IngestFrame.Hello(version, in.shortStringOrNull("HELLO token"));
    }

    private static IngestFrame.Events readEvents(FrameReader in) {
        long requestId = in.int64("EVENTS request id");
        String app = in.name("EVENTS app");
        String stream = in.name("EVENTS stream");
        int count = in.int32("EVENTS event count");
        // A hostile count must not size a list beyond what the frame's bytes can hold.
        if (count < 0 || (long) count * MIN_EVENT_BYTES > in.remaining()) {
            throw new WireFormatException("EVENTS event count " + count + " does not fit the " + in.remaining()
                    + " bytes left in the frame");
        }
        List<ClientEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(readEvent(in, i));
        }
        return new IngestFrame.Events(requestId, app, stream, events);
    }

    /**
     * Reads event {@code index}. The fields are named without the event's place, which is added only when one is
     * bad: building "event 7 value 2 tag" for every field of every event was a good part of the node's
     * allocation under load.
     */
    private static ClientEvent readEvent(FrameReader in, int index) {
        try {
            String id = in.shortStringOrNull("id");
            long timestamp = in.int64("timestamp");
            int count = in.uint16("value count");
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = readValue(in, i);
            }
            return ClientEvent.unchecked(id, timestamp, values);
        } catch (WireFormatException e) {
            throw e.within("event " + index);
        }
    }

    private static Object readValue(FrameReader in, int index) {
        try {
            int tagNumber = in.uint8("tag");
            ValueTag tag = ValueTag.ofTag(tagNumber);
            if (tag == null) {
                throw new WireFormatException("unknown type tag " + tagNumber + " (known: 0 to 6)");
            }
            return tag.read(in, "value");
        } catch (WireFormatException e) {
            throw e.within("value " + index);
        }
    }

    private static RefusalCode readCode(FrameReader in, String field) {
        int number = in.uint8(field);
        RefusalCode code = RefusalCode.ofWire(number);
        if (code == null) {
            throw new WireFormatException("unknown " + field + " " + number);
        }
        return code;
    }

    private static String nonNull(String message) {
        return message == null ? "" : message;
    }

    private static String frameName(int type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case HELLO_OK -> "HELLO_OK";
            case ERROR -> "ERROR";
            case EVENTS -> "EVENTS";
            case ACK -> "ACK";
            default -> "NACK";
        };
    }
}
