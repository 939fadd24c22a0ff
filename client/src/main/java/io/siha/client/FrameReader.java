package io.siha.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one frame body, checking each against the bytes left, so a hostile length can neither read
 * past the frame nor make the reader allocate more than the frame holds. Every failure names the field.
 */
final class FrameReader {

    private final ByteBuf in;

    FrameReader(ByteBuf in) {
        this.in = in;
    }

    int remaining() {
        return in.readableBytes();
    }

    int uint8(String field) {
        need(field, 1);
        return in.readUnsignedByte();
    }

    int uint16(String field) {
        need(field, 2);
        return in.readUnsignedShort();
    }

    int int32(String field) {
        need(field, 4);
        return in.readInt();
    }

    long int64(String field) {
        need(field, 8);
        return in.readLong();
    }

    /** A u16-length string; the empty string is returned as null (the wire's "none"). */
    String shortStringOrNull(String field) {
        String s = utf8(field, uint16(field + " length"));
        return s.isEmpty() ? null : s;
    }

    /** A u16-length string that must not be empty (an app or stream name). */
    String name(String field) {
        String s = shortStringOrNull(field);
        if (s == null) {
            throw new WireFormatException(field + " is empty");
        }
        return s;
    }

    /** An i32-length string (an attribute value). */
    String longString(String field) {
        int length = int32(field + " length");
        if (length < 0) {
            throw new WireFormatException(field + " has a negative length " + length);
        }
        return utf8(field, length);
    }

    void expectEnd(String frame) {
        if (in.isReadable()) {
            throw new WireFormatException(in.readableBytes() + " unexpected bytes after the end of the " + frame
                    + " frame");
        }
    }

    private String utf8(String field, int length) {
        need(field, length);
        if (!ByteBufUtil.isText(in, in.readerIndex(), length, StandardCharsets.UTF_8)) {
            throw new WireFormatException(field + " is not valid UTF-8");
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    private void need(String field, int bytes) {
        if (in.readableBytes() < bytes) {
            throw new WireFormatException("truncated frame: it ends inside " + field + ", which needs " + bytes
                    + " bytes, " + in.readableBytes() + " left");
        }
    }
}
