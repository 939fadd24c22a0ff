package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** JSON trees read the way Fabric8 reads Kubernetes objects, so that trees holding the same JSON compare equal. */
final class JsonTrees {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private JsonTrees() {
    }

    /** Parses JSON or YAML. */
    static JsonNode parse(String jsonOrYaml) {
        return SERIALIZATION.unmarshal(jsonOrYaml, JsonNode.class);
    }

    /**
     * The value as a tree parsed from its JSON text. A tree built straight from Java objects holds a long field as a
     * LongNode where a parsed one holds the same number as an IntNode, and the two are not equal.
     */
    static JsonNode of(Object value) {
        return parse(SERIALIZATION.asJson(value));
    }

    static <T> T convert(JsonNode tree, Class<T> type) {
        return SERIALIZATION.convertValue(tree, type);
    }
}
