package io.siha.node.sync;

/**
 * The attribute types that replicate, each with the tag that precedes its value on the wire. The tags are part of
 * the protocol: never renumber them.
 */
enum AttributeType {
    NULL(0),
    STRING(1),
    INT(2),
    LONG(3),
    FLOAT(4),
    DOUBLE(5),
    BOOL(6);

    private static final AttributeType[] BY_TAG = values();

    final byte tag;

    AttributeType(int tag) {
        this.tag = (byte) tag;
    }

    /** The type of {@code value} (NULL for null); a value of any other class is refused, its class named. */
    static AttributeType of(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String) {
            return STRING;
        }
        if (value instanceof Integer) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof Boolean) {
            return BOOL;
        }
        throw new IllegalArgumentException("unsupported attribute type " + value.getClass().getName());
    }

    /** The type of a tag read off the wire, or null for a tag this version does not know. */
    static AttributeType ofTag(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
}
