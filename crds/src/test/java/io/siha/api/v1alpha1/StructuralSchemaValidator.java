package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.ValidationMessage;

import java.util.List;
import java.util.Set;

/**
 * Validates an object against a CRD's openAPIV3Schema the way the API server's schema validation does, as far as a
 * JSON Schema validator can: the structural schema is read as draft 4, and the Kubernetes extension keywords are
 * declared but not evaluated (CEL rules in x-kubernetes-validations are {@link CelRule}'s job).
 *
 * <p>Any other keyword is an error rather than silently ignored, so a keyword a future generator emits cannot make a
 * test pass without being checked.
 */
final class StructuralSchemaValidator {

    private static final List<String> KUBERNETES_EXTENSIONS = List.of(
            "x-kubernetes-validations",
            "x-kubernetes-int-or-string",
            "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource",
            "x-kubernetes-list-type",
            "x-kubernetes-list-map-keys",
            "x-kubernetes-map-type");

    private static final Set<String> INSTANCE_VALUE_KEYWORDS = Set.of("default", "enum");

    private final JsonSchema schema;

    StructuralSchemaValidator(JsonNode openApiSchema) {
        JsonMetaSchema draft4WithKubernetesExtensions = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                .keywords(KUBERNETES_EXTENSIONS.stream().map(NonValidationKeyword::new).toList())
                .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.builder()
                .defaultMetaSchemaIri(draft4WithKubernetesExtensions.getIri())
                .metaSchema(draft4WithKubernetesExtensions)
                .build();
        ObjectNode structural = withObjectMetaFields(openApiSchema.deepCopy());
        this.schema = factory.getSchema(rejectingUnknownFields(structural));
    }

    /** The API server accepts apiVersion, kind and metadata on every object; CRD schemas leave them out. */
    private static ObjectNode withObjectMetaFields(JsonNode rootSchema) {
        ObjectNode root = (ObjectNode) rootSchema;
        ObjectNode properties = root.withObjectProperty("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        return root;
    }

    /** The validation errors, each naming the field (e.g. {@code $.spec.sync.port: must have a maximum value ...}). */
    List<String> validate(JsonNode object) {
        return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * The API server drops fields the schema does not declare, and kubectl's default strict field validation turns
     * that into an error ("unknown field spec.heartbeat.intervalMS"). additionalProperties: false on every object
     * with declared properties gives the same verdict. Objects that keep unknown fields, or are maps, stay open.
     */
    private static JsonNode rejectingUnknownFields(JsonNode schemaNode) {
        if (schemaNode instanceof ObjectNode object) {
            boolean declaresFields = object.has("properties");
            boolean keepsUnknownFields = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (declaresFields && !keepsUnknownFields && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(field -> {
                // default and enum hold instance values, not schemas: leave them as they are.
                if (!INSTANCE_VALUE_KEYWORDS.contains(field.getKey())) {
                    rejectingUnknownFields(field.getValue());
                }
            });
        } else {
            schemaNode.forEach(StructuralSchemaValidator::rejectingUnknownFields);
        }
        return schemaNode;
    }
}
