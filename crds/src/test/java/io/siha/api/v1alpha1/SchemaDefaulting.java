package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies a structural schema's defaults to an object as the API server does: a missing field with a default gets
 * it, then defaulting goes on inside every object present, including one that was itself just defaulted.
 */
final class SchemaDefaulting {

    private SchemaDefaulting() {
    }

    /** Changes {@code instance} in place and returns it. */
    static JsonNode apply(JsonNode schema, JsonNode instance) {
        if (instance instanceof ObjectNode object) {
            schema.path("properties").properties().forEach(property -> {
                String name = property.getKey();
                JsonNode fieldSchema = property.getValue();
                if (!object.has(name) && fieldSchema.has("default")) {
                    object.set(name, fieldSchema.get("default").deepCopy());
                }
                if (object.has(name)) {
                    apply(fieldSchema, object.get(name));
                }
            });
        } else if (instance.isArray() && schema.has("items")) {
            instance.forEach(element -> apply(schema.get("items"), element));
        }
        return instance;
    }
}
