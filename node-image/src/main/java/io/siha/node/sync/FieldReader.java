package io.siha.node.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads the fields of one frame and checks each against the bytes left and its limit, so a hostile length can
 * neither read past the frame nor make us allocate more than the frame holds.
 */
final class FieldReader {

    private final ByteBuf in;

    FieldReader(ByteBuf in) {
        this.in = in;
    }

    int remaining() {
        return in.readableBytes();
    }

    int uint8(String field) {
        need(field, 1);
        return in.readUnsignedByte();
    }

    int int32(String field) {
        need(field, 4);
        return in.readInt();
    }

    long int64(String field) {
        need(field, 8);
        return in.readLong();
    }

    /** A sequence number or epoch: never negative. */
    long counter(String field) {
        long value = int64(field);
        if (value < 0) {
            throw new BadFrameException(field + " is negative: " + value);
        }
        return value;
    }

    byte[] bytes(String field, int length) {
        need(field, length);
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /** An unsigned LEB128 integer of at most {@code max}. */
    int varint(String field, int max) {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = uint8(field);
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value > max) {
                    throw new BadFrameException(field + " is " + value + ", more than the limit of " + max);
                }
                return (int) value;
            }
        }
        throw new BadFrameException(field + " is not a valid varint");
    }

    /** A name (cluster group, node id, app, stream): 1 to {@link FrameCodec#MAX_NAME_BYTES} UTF-8 bytes. */
    String name(String field) {
        int length = varint(field + " length", FrameCodec.MAX_NAME_BYTES);
        if (length == 0) {
            throw new BadFrameException(field + " is empty");
        }
        return utf8(field, length);
    }

    /** A nullable short string: length 0 means null, n + 1 means n bytes. */
    String optionalName(String field) {
        int lengthPlusOne = varint(field + " length", FrameCodec.MAX_NAME_BYTES + 1);
        return lengthPlusOne == 0 ? null : utf8(field, lengthPlusOne - 1);
    }

    /** A string of at most {@code maxBytes} UTF-8 bytes. */
    String string(String field, int maxBytes) {
        return utf8(field, varint(field + " length", maxBytes));
    }

    /** Runs {@code check}, which reads some fields, and returns a copy of the bytes it read. */
    byte[] copyOfChecked(Consumer<FieldReader> check) {
        int start = in.readerIndex();
        check.accept(this);
        byte[] bytes = new byte[in.readerIndex() - start];
        in.getBytes(start, bytes);
        return bytes;
    }

    void expectEnd(String frame) {
        if (in.isReadable()) {
            throw new BadFrameException(in.readableBytes() + " unexpected bytes after the " + frame + " frame");
        }
    }

    private String utf8(String field, int length) {
        need(field, length);
        if (!ByteBufUtil.isText(in, in.readerIndex(), length, StandardCharsets.UTF_8)) {
            throw new BadFrameException(field + " is not valid UTF-8");
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    private void need(String field, int bytes) {
        if (in.readableBytes() < bytes) {
            throw new BadFrameException("frame ends inside " + field + ": needs " + bytes + " bytes, "
                    + in.readableBytes() + " left");
        }
    }
}
