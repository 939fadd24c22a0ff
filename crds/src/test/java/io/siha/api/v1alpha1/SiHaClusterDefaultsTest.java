package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.siha.api.SiHaDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the user leaves out is defaulted to the values the nodes use when a variable is unset ({@link SiHaDefaults}),
 * alike by the API server (schema defaults) and by the Java model (initial values).
 */
class SiHaClusterDefaultsTest {

    private static final JsonNode SCHEMA = CrdFiles.generatedOpenApiSchema();

    /** The schema of a spec field given as a dotted path, e.g. {@code heartbeat.intervalMs}. */
    private static JsonNode specFieldSchema(String dottedPath) {
        return SCHEMA.at("/properties/spec/properties/" + dottedPath.replace(".", "/properties/"));
    }

    static Stream<Arguments> sharedDefaults() {
        return Stream.of(
                Arguments.of("heartbeat.intervalMs", SiHaDefaults.HEARTBEAT_INTERVAL_MS),
                Arguments.of("heartbeat.maxRetries", SiHaDefaults.HEARTBEAT_MAX_RETRIES),
                Arguments.of("persistence.intervalMs", SiHaDefaults.PERSISTENCE_INTERVAL_MS),
                Arguments.of("persistence.revisionsToKeep", SiHaDefaults.PERSISTENCE_REVISIONS_TO_KEEP),
                Arguments.of("persistence.onIncompatibleState", IncompatibleStatePolicy.FAIL.specName()),
                Arguments.of("standby", StandbyMode.COLD.specName()),
                Arguments.of("sync.port", SiHaDefaults.SYNC_PORT),
                Arguments.of("sync.ackAfterPassive", SiHaDefaults.SYNC_ACK_AFTER_PASSIVE),
                Arguments.of("sync.queueCapacity", SiHaDefaults.SYNC_QUEUE_CAPACITY),
                Arguments.of("ingest.httpPort", SiHaDefaults.HTTP_INGEST_PORT),
                Arguments.of("ingest.binaryPort", SiHaDefaults.BINARY_INGEST_PORT),
                Arguments.of("service.type", ServiceType.CLUSTER_IP.kubernetesName()),
                Arguments.of("database.passwordSecretRef.key", PasswordSecretRef.DEFAULT_KEY),
                Arguments.of("ingest.authTokenSecretRef.key", IngestTokenSecretRef.DEFAULT_KEY),
                Arguments.of("extensions.path", ExtensionsSpec.DEFAULT_PATH));
    }

    @ParameterizedTest(name = "spec.{0} defaults to {1}")
    @MethodSource("sharedDefaults")
    void schemaDefaultIsTheSharedDefault(String specField, Object expected) {
        JsonNode fieldSchema = specFieldSchema(specField);
        assertThat(fieldSchema.has("default")).as("spec.%s has a default", specField).isTrue();
        Object schemaDefault = JsonTrees.convert(fieldSchema.get("default"), expected.getClass());
        assertThat(schemaDefault).as("default of spec." + specField).isEqualTo(expected);
    }

    static Stream<String> specObjectsDefaultedToEmpty() {
        return SCHEMA.at("/properties/spec/properties").properties().stream()
                .filter(field -> field.getValue().has("default") && field.getValue().has("properties"))
                .map(Map.Entry::getKey);
    }

    /**
     * The generator writes an object's default ({@code @Default("{}")}) from the Java class's initial values, its
     * fields' defaults from their {@code @Default}; both must say the same, or the API server's result would depend
     * on whether the user wrote the object.
     */
    @ParameterizedTest(name = "spec.{0}")
    @MethodSource("specObjectsDefaultedToEmpty")
    void objectDefaultIsItsFieldsDefaults(String specField) {
        JsonNode objectSchema = specFieldSchema(specField);
        JsonNode emptyObjectDefaulted = SchemaDefaulting.apply(objectSchema, JsonTrees.parse("{}"));

        assertThat(objectSchema.get("default")).isEqualTo(emptyObjectDefaulted);
    }

    /**
     * What the API server stores for the minimal sample (its defaults applied) is what the Java model reads from the
     * sample as written, so the operator sees the same spec against the real API server and the mock server (which
     * applies no defaults).
     */
    @Test
    void javaModelDefaultsAreTheSchemaDefaults() {
        ObjectNode written = Samples.tree(Samples.MINIMAL);
        JsonNode storedByApiServer = SchemaDefaulting.apply(SCHEMA, written.deepCopy());
        JsonNode readByJavaModel = JsonTrees.of(
                Serialization.unmarshal(Samples.text(Samples.MINIMAL), SiHaCluster.class));

        assertThat(storedByApiServer.get("spec")).isNotEqualTo(written.get("spec"));
        assertThat(readByJavaModel.get("spec")).isEqualTo(storedByApiServer.get("spec"));
    }
}
