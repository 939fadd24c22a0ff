package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The API server's schema verdict on a custom resource, as far as it can be reached without one and without CEL: the
 * schema's defaults applied first ({@link SchemaDefaulting}), then structural validation with unknown fields refused
 * ({@link StructuralSchemaValidator}). Public, and shipped in this module's test-jar, for modules that validate
 * manifests of their own (the e2e module's examples).
 *
 * <p>The x-kubernetes-validations rules are not evaluated here: {@link CelRule} needs CEL's ANTLR 4.13 runtime, which
 * breaks Siddhi's parser (built with an older ANTLR) on a shared class path. The operator's SpecResolver checks the
 * same two conditions (exactly one apps source, distinct ports), and {@code SiHaClusterValidationRulesTest} the rules.
 */
public final class CrdSchemaValidator {

    private final JsonNode schema;
    private final StructuralSchemaValidator structural;

    /** @param openApiSchema a CRD version's {@code schema.openAPIV3Schema} */
    public CrdSchemaValidator(JsonNode openApiSchema) {
        this.schema = openApiSchema.deepCopy();
        this.structural = new StructuralSchemaValidator(openApiSchema);
    }

    /** The schema of the SiHaCluster CRD this module generates, read from the class path (from the crds jar). */
    public static CrdSchemaValidator forSiHaCluster() {
        return new CrdSchemaValidator(CrdFiles.packagedOpenApiSchema());
    }

    /** Every reason the schema refuses {@code object} (left unchanged), each naming the field; empty when it passes. */
    public List<String> errors(JsonNode object) {
        return structural.validate(SchemaDefaulting.apply(schema, object.deepCopy()));
    }
}
