package io.siha.client;

import io.netty.buffer.ByteBuf;

/**
 * The type tag before each attribute value in an EVENTS frame, with the Java type it carries and how its payload is
 * written and read. The tag numbers are part of the wire format (the same as the event sync protocol's): never
 * renumber them.
 */
enum ValueTag {
    NULL(0, Void.class, 0) {
        @Override
        void write(ByteBuf out, Object value) {
        }

        @Override
        Object read(FrameReader in, String field) {
            return null;
        }
    },
    STRING(1, String.class, 4) {
        @Override
        void write(ByteBuf out, Object value) {
            Strings.writeLong(out, (String) value);
        }

        @Override
        Object read(FrameReader in, String field) {
            return in.longString(field);
        }

        @Override
        int size(Object value) {
            return 4 + Strings.utf8Length((String) value);
        }
    },
    INT(2, Integer.class, 4) {
        @Override
        void write(ByteBuf out, Object value) {
            out.writeInt((Integer) value);
        }

        @Override
        Object read(FrameReader in, String field) {
            return in.int32(field);
        }
    },
    LONG(3, Long.class, 8) {
        @Override
        void write(ByteBuf out, Object value) {
            out.writeLong((Long) value);
        }

        @Override
        Object read(FrameReader in, String field) {
            return in.int64(field);
        }
    },
    FLOAT(4, Float.class, 4) {
        @Override
        void write(ByteBuf out, Object value) {
            out.writeFloat((Float) value);
        }

        @Override
        Object read(FrameReader in, String field) {
            return Float.intBitsToFloat(in.int32(field));
        }
    },
    DOUBLE(5, Double.class, 8) {
        @Override
        void write(ByteBuf out, Object value) {
            out.writeDouble((Double) value);
        }

        @Override
        Object read(FrameReader in, String field) {
            return Double.longBitsToDouble(in.int64(field));
        }
    },
    BOOL(6, Boolean.class, 1) {
        @Override
        void write(ByteBuf out, Object value) {
            out.writeByte((Boolean) value ? 1 : 0);
        }

        @Override
        Object read(FrameReader in, String field) {
            int b = in.uint8(field);
            if (b > 1) {
                throw new WireFormatException(field + " is a bool of value " + b + ", not 0 or 1");
            }
            return b == 1;
        }
    };

    private static final ValueTag[] BY_TAG = values();

    final int tag;
    private final Class<?> javaType;
    private final int payloadBytes;

    ValueTag(int tag, Class<?> javaType, int payloadBytes) {
        this.tag = tag;
        this.javaType = javaType;
        this.payloadBytes = payloadBytes;
    }

    /** Writes the payload (the tag is written by the caller). */
    abstract void write(ByteBuf out, Object value);

    /** Reads the payload; {@code field} names it in error messages. */
    abstract Object read(FrameReader in, String field);

    /** Encoded size of the payload, without the tag byte. */
    int size(Object value) {
        return payloadBytes;
    }

    /** The tag of a value, or null for a Java type the protocol does not carry. */
    static ValueTag of(Object value) {
        if (value == null) {
            return NULL;
        }
        for (ValueTag t : BY_TAG) {
            if (t.javaType == value.getClass()) {
                return t;
            }
        }
        return null;
    }

    /** The tag of a number read off the wire, or null for one this version does not know. */
    static ValueTag ofTag(int tag) {
        return tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
}
