package io.siha.api.v1alpha1;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sets or removes one field of a JSON tree, named by a JSON pointer such as {@code /spec/sync/port}. */
final class JsonPointerEdits {

    private JsonPointerEdits() {
    }

    /** Sets the field, creating missing parent objects. */
    static void set(ObjectNode root, String pointer, JsonNode value) {
        JsonPointer path = JsonPointer.compile(pointer);
        parentOf(root, path).set(path.last().getMatchingProperty(), value);
    }

    static void remove(ObjectNode root, String pointer) {
        JsonPointer path = JsonPointer.compile(pointer);
        parentOf(root, path).remove(path.last().getMatchingProperty());
    }

    private static ObjectNode parentOf(ObjectNode root, JsonPointer path) {
        ObjectNode node = root;
        for (JsonPointer step = path; step.tail() != null && !step.tail().matches(); step = step.tail()) {
            String name = step.getMatchingProperty();
            node = node.has(name) ? (ObjectNode) node.get(name) : node.putObject(name);
        }
        return node;
    }
}
