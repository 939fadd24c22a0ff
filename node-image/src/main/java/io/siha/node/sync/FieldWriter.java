package io.siha.node.sync;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes frame fields in the format {@link FieldReader} reads, refusing values the reader would reject, so a bad
 * value fails at the caller rather than closing the connection later.
 */
final class FieldWriter {

    private final ByteBuf out;

    FieldWriter(ByteBuf out) {
        this.out = out;
    }

    FieldWriter uint8(int value) {
        out.writeByte(value);
        return this;
    }

    FieldWriter int32(int value) {
        out.writeInt(value);
        return this;
    }

    FieldWriter int64(long value) {
        out.writeLong(value);
        return this;
    }

    FieldWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    FieldWriter varint(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must not be negative: " + value);
        }
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
        return this;
    }

    FieldWriter name(String field, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > FrameCodec.MAX_NAME_BYTES) {
            throw new IllegalArgumentException(field + " must have 1 to " + FrameCodec.MAX_NAME_BYTES
                    + " UTF-8 bytes, got " + bytes.length);
        }
        return varint(bytes.length).bytes(bytes);
    }

    FieldWriter optionalName(String field, String value) {
        if (value == null) {
            return varint(0);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > FrameCodec.MAX_NAME_BYTES) {
            throw new IllegalArgumentException(field + " must have at most " + FrameCodec.MAX_NAME_BYTES
                    + " UTF-8 bytes, got " + bytes.length);
        }
        return varint(bytes.length + 1).bytes(bytes);
    }

    FieldWriter string(String field, String value, int maxBytes) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(field + " must have at most " + maxBytes + " UTF-8 bytes, got "
                    + bytes.length);
        }
        return varint(bytes.length).bytes(bytes);
    }
}
