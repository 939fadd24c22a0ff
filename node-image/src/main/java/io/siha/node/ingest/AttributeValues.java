package io.siha.node.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.siddhi.query.api.definition.Attribute;

/**
 * Converts one JSON value to the Java type of a Siddhi attribute, refusing anything that would change its
 * meaning: a fraction for an int, text for a number, a number out of range. JSON null is Siddhi's null.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    static Object convert(JsonNode value, Attribute attribute, String where) {
        if (value.isNull()) {
            return null;
        }
        Attribute.Type type = attribute.getType();
        Object converted = switch (type) {
            case STRING -> value.isTextual() ? value.asText() : null;
            case INT -> value.isIntegralNumber() && value.canConvertToInt() ? value.asInt() : null;
            case LONG -> value.isIntegralNumber() && value.canConvertToLong() ? value.asLong() : null;
            case FLOAT -> value.isNumber() && Float.isFinite((float) value.asDouble()) ? (float) value.asDouble()
                    : null;
            case DOUBLE -> value.isNumber() ? value.asDouble() : null;
            case BOOL -> value.isBoolean() ? value.asBoolean() : null;
            case OBJECT -> null;
        };
        if (converted == null) {
            throw new BadEventException(where + "attribute '" + attribute.getName() + "' must be "
                    + describe(type) + ", got " + shortText(value));
        }
        return converted;
    }

    private static String describe(Attribute.Type type) {
        return switch (type) {
            case STRING -> "a string";
            case INT -> "a whole number within 32 bits (int)";
            case LONG -> "a whole number within 64 bits (long)";
            case FLOAT -> "a number within float range";
            case DOUBLE -> "a number";
            case BOOL -> "true or false";
            case OBJECT -> "an object, which JSON ingest cannot carry";
        };
    }

    private static String shortText(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
