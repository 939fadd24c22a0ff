package io.siha.node.ingest;

import io.siddhi.query.api.definition.Attribute;

import java.math.BigInteger;

/**
 * The one rule for an attribute value, whichever way it arrived (JSON on HTTP, a typed value on the binary port):
 * converts a Java value to the attribute's type, refusing anything that would change its meaning: a fraction for an
 * int, text for a number, a number out of range. Null is Siddhi's null for any type.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    /**
     * @param value  null, a String, a Boolean or a Number (Integer, Long, BigInteger, Float, Double); anything else
     *               (a JSON object or array) is refused for every type
     * @throws BadEventException naming the attribute, the type it needs and the value it got
     */
    static Object convert(Object value, Attribute attribute) {
        if (value == null) {
            return null;
        }
        Attribute.Type type = attribute.getType();
        Object converted = switch (type) {
            case STRING -> value instanceof String ? value : null;
            case INT -> isWhole(value) && fitsLong(value) && fitsInt(((Number) value).longValue())
                    ? ((Number) value).intValue() : null;
            case LONG -> isWhole(value) && fitsLong(value) ? ((Number) value).longValue() : null;
            case FLOAT -> value instanceof Number n && Float.isFinite(n.floatValue()) ? n.floatValue() : null;
            case DOUBLE -> value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
            case BOOL -> value instanceof Boolean ? value : null;
            case OBJECT -> null;
        };
        if (converted == null) {
            throw new BadEventException("attribute '" + attribute.getName() + "' must be "
                    + describe(type) + ", got " + shortText(value));
        }
        if (converted instanceof String text && !UnicodeText.isWellFormed(text)) {
            throw new BadEventException("attribute '" + attribute.getName() + "' is not valid UTF-8 text: it "
                    + "holds an unpaired surrogate");
        }
        return converted;
    }

    private static boolean isWhole(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    private static boolean fitsLong(Object value) {
        return !(value instanceof BigInteger big) || big.bitLength() < Long.SIZE;
    }

    private static boolean fitsInt(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    private static String describe(Attribute.Type type) {
        return switch (type) {
            case STRING -> "a string";
            case INT -> "a whole number within 32 bits (int)";
            case LONG -> "a whole number within 64 bits (long)";
            case FLOAT -> "a number within float range";
            case DOUBLE -> "a number within double range";
            case BOOL -> "true or false";
            case OBJECT -> "an object, which ingest cannot carry";
        };
    }

    private static String shortText(Object value) {
        String text = value instanceof String ? "\"" + value + "\"" : value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
