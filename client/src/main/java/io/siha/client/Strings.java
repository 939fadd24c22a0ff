package io.siha.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * How strings are written: a length prefix, then UTF-8 written straight into the frame's buffer (no intermediate
 * byte array). Short strings (names, ids, tokens, messages) take a u16 length; string values an i32 one.
 */
final class Strings {

    static final int MAX_SHORT_BYTES = 0xFFFF;

    private Strings() {
    }

    /** UTF-8 length of {@code s}, as Netty's writer encodes it (an unpaired surrogate becomes '?'). */
    static int utf8Length(String s) {
        return ByteBufUtil.utf8Bytes(s);
    }

    /** A u16-length string; null is written as the empty string, which means "none" where a field allows it. */
    static void writeShort(ByteBuf out, String s, String field) {
        int length = s == null ? 0 : utf8Length(s);
        if (length > MAX_SHORT_BYTES) {
            throw new IllegalArgumentException(field + " must have at most " + MAX_SHORT_BYTES + " UTF-8 bytes, got "
                    + length);
        }
        out.writeShort(length);
        if (length > 0) {
            ByteBufUtil.reserveAndWriteUtf8(out, s, length);
        }
    }

    /** A short string cut to fit its u16 length, for messages that should never fail to be sent. */
    static String fitShort(String s) {
        return s.length() > MAX_SHORT_BYTES / 3 ? s.substring(0, MAX_SHORT_BYTES / 3) : s;
    }

    static void writeLong(ByteBuf out, String s) {
        int length = utf8Length(s);
        out.writeInt(length);
        ByteBufUtil.reserveAndWriteUtf8(out, s, length);
    }
}
