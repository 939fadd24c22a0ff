package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated openAPIV3Schema accepts good SiHaClusters and refuses bad values with an error that names the field.
 * Each bad value is one change to the minimal sample, so the error it causes is the only one.
 */
class SiHaClusterSchemaTest {

    private static final JsonNode SCHEMA = CrdFiles.generatedOpenApiSchema();
    private static final StructuralSchemaValidator VALIDATOR = new StructuralSchemaValidator(SCHEMA);

    @Test
    void minimalSampleIsValid() {
        assertThat(VALIDATOR.validate(Samples.tree(Samples.MINIMAL))).isEmpty();
    }

    @Test
    void fullSampleIsValid() {
        assertThat(VALIDATOR.validate(Samples.tree(Samples.FULL))).isEmpty();
    }

    /** One change to the minimal sample: set {@code pointer} to {@code value}, or remove it when value is null. */
    record Change(String pointer, JsonNode value) {

        static Change set(String pointer, Object value) {
            return new Change(pointer, JsonTrees.of(value));
        }

        static Change remove(String pointer) {
            return new Change(pointer, null);
        }

        ObjectNode appliedToMinimalSample() {
            ObjectNode sample = Samples.tree(Samples.MINIMAL);
            if (value == null) {
                JsonPointerEdits.remove(sample, pointer);
            } else {
                JsonPointerEdits.set(sample, pointer, value);
            }
            return sample;
        }

        @Override
        public String toString() {
            return value == null ? "without " + pointer : pointer + " = " + value;
        }
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                refused(Change.remove("/spec/image"), "$.spec: required property 'image' not found"),
                refused(Change.set("/spec/image", ""), "$.spec.image:"),
                refused(Change.remove("/spec/apps"), "$.spec: required property 'apps' not found"),
                refused(Change.set("/spec/apps/configMapName", "Orders_Apps"), "$.spec.apps.configMapName:"),
                refused(Change.set("/spec/apps/inline", new Object[0]), "$.spec.apps.inline:"),
                refused(Change.set("/spec/apps/inline", new Object[] {new InlineSiddhiApp("a/b", "@App:name('X')")}),
                        "$.spec.apps.inline[0].name:"),
                refused(Change.set("/spec/apps/inline", new Object[] {new InlineSiddhiApp("orders", null)}),
                        "$.spec.apps.inline[0]: required property 'siddhi' not found"),
                refused(Change.remove("/spec/database"), "$.spec: required property 'database' not found"),
                refused(Change.set("/spec/database/clusterJdbcUrl", "jdbc:mysql://db:3306/siha"),
                        "$.spec.database.clusterJdbcUrl:"),
                refused(Change.set("/spec/database/clusterJdbcUrl", "jdbc:postgresql://"),
                        "$.spec.database.clusterJdbcUrl:"),
                refused(Change.remove("/spec/database/clusterJdbcUrl"),
                        "$.spec.database: required property 'clusterJdbcUrl' not found"),
                refused(Change.set("/spec/database/persistenceJdbcUrl", "postgres://db/siha"),
                        "$.spec.database.persistenceJdbcUrl:"),
                refused(Change.remove("/spec/database/user"), "$.spec.database: required property 'user' not found"),
                refused(Change.remove("/spec/database/passwordSecretRef"),
                        "$.spec.database: required property 'passwordSecretRef' not found"),
                refused(Change.set("/spec/database/passwordSecretRef/name", "Postgres_Credentials"),
                        "$.spec.database.passwordSecretRef.name:"),
                refused(Change.set("/spec/heartbeat/intervalMs", 0),
                        "$.spec.heartbeat.intervalMs: must have a minimum value of 100"),
                refused(Change.set("/spec/heartbeat/intervalMs", 60_001),
                        "$.spec.heartbeat.intervalMs: must have a maximum value of 60000"),
                refused(Change.set("/spec/heartbeat/intervalMs", "1s"),
                        "$.spec.heartbeat.intervalMs: string found, integer"),
                refused(Change.set("/spec/heartbeat/maxRetries", 0),
                        "$.spec.heartbeat.maxRetries: must have a minimum value of 1"),
                refused(Change.set("/spec/heartbeat/maxRetries", 11),
                        "$.spec.heartbeat.maxRetries: must have a maximum value of 10"),
                refused(Change.set("/spec/persistence/intervalMs", 99), "$.spec.persistence.intervalMs:"),
                refused(Change.set("/spec/persistence/revisionsToKeep", 0), "$.spec.persistence.revisionsToKeep:"),
                refused(Change.set("/spec/persistence/onIncompatibleState", "start-fresh"),
                        "$.spec.persistence.onIncompatibleState: does not have a value in the enumeration"),
                refused(Change.set("/spec/standby", "hot"), "$.spec.standby: does not have a value in the enumeration"),
                refused(Change.set("/spec/standby", "Warm"), "$.spec.standby: does not have a value in the enumeration"),
                refused(Change.set("/spec/sync/port", 0), "$.spec.sync.port: must have a minimum value of 1"),
                refused(Change.set("/spec/sync/port", 70_000), "$.spec.sync.port: must have a maximum value of 65535"),
                refused(Change.set("/spec/sync/ackAfterPassive", "yes"), "$.spec.sync.ackAfterPassive:"),
                refused(Change.set("/spec/sync/queueCapacity", -1),
                        "$.spec.sync.queueCapacity: must have a minimum value of 100"),
                refused(Change.set("/spec/ingest/httpPort", 0), "$.spec.ingest.httpPort:"),
                refused(Change.set("/spec/ingest/binaryPort", 70_000), "$.spec.ingest.binaryPort:"),
                refused(Change.set("/spec/ingest/authTokenSecretRef", Map.of("key", "token")),
                        "$.spec.ingest.authTokenSecretRef: required property 'name' not found"),
                refused(Change.set("/spec/ingest/authTokenSecretRef", Map.of("name", "Ingest_Token")),
                        "$.spec.ingest.authTokenSecretRef.name:"),
                refused(Change.set("/spec/ingest/authTokenSecretRef", Map.of("name", "t", "key", "a/b")),
                        "$.spec.ingest.authTokenSecretRef.key:"),
                refused(Change.set("/spec/ingest/allowedFrom", new Object[0]), "$.spec.ingest.allowedFrom:"),
                refused(Change.set("/spec/ingest/allowedFrom", new Object[] {Map.of("ipBlock", "10.0.0.0/8")}),
                        "$.spec.ingest.allowedFrom[0].ipBlock:"),
                refused(Change.set("/spec/service/type", "External"),
                        "$.spec.service.type: does not have a value in the enumeration"),
                refused(Change.set("/spec/service/annotations", Map.of("a", 1)),
                        "$.spec.service.annotations.a:"),
                refused(Change.set("/spec/pod/tolerations", "all"), "$.spec.pod.tolerations:"),
                refused(Change.set("/spec/tls", Map.of("sync", Map.of())),
                        "$.spec.tls.sync: required property 'secretName' not found"),
                refused(Change.set("/spec/tls", Map.of("sync", Map.of("secretName", "Orders_TLS"))),
                        "$.spec.tls.sync.secretName:"),
                refused(Change.set("/spec/tls", Map.of("ingest", Map.of("secretName", ""))),
                        "$.spec.tls.ingest.secretName:"),
                refused(Change.set("/spec/tls", Map.of("sync", "orders-tls")), "$.spec.tls.sync: string found"),
                refused(Change.set("/spec/tls", Map.of("grpc", Map.of("secretName", "orders-tls"))),
                        "$.spec.tls: property 'grpc' is not defined"),
                refused(Change.set("/spec/extensions", Map.of("path", "/jars")),
                        "$.spec.extensions: required property 'image' not found"),
                refused(Change.set("/spec/extensions", Map.of("image", "")), "$.spec.extensions.image:"),
                refused(Change.set("/spec/extensions", Map.of("image", "orders-extensions:1.0 ")),
                        "$.spec.extensions.image:"),
                refused(Change.set("/spec/extensions", Map.of("image", "x:1", "path", "extensions")),
                        "$.spec.extensions.path:"),
                refused(Change.set("/spec/extensions", Map.of("image", "x:1", "path", "/jars; rm -rf /")),
                        "$.spec.extensions.path:"),
                refused(Change.set("/spec/extensions", Map.of("image", "x:1", "imagePullPolicy", "Sometimes")),
                        "$.spec.extensions.imagePullPolicy: does not have a value in the enumeration"),
                refused(Change.set("/spec/monitoring", Map.of("podMonitor", Map.of("interval", "30 seconds"))),
                        "$.spec.monitoring.podMonitor.interval:"),
                refused(Change.set("/spec/monitoring", Map.of("podMonitor", Map.of("interval", ""))),
                        "$.spec.monitoring.podMonitor.interval:"),
                refused(Change.set("/spec/monitoring", Map.of("podMonitor", Map.of("labels", Map.of("a", 1)))),
                        "$.spec.monitoring.podMonitor.labels.a:"),
                refused(Change.set("/spec/monitoring", Map.of("podMonitor", "yes")),
                        "$.spec.monitoring.podMonitor: string found"),
                refused(Change.set("/spec/monitoring", Map.of("scrapeFrom", new Object[0])),
                        "$.spec.monitoring.scrapeFrom:"),
                refused(Change.set("/spec/monitoring", Map.of("scrapeFrom", new Object[] {Map.of("ipBlock", "x")})),
                        "$.spec.monitoring.scrapeFrom[0].ipBlock:"),
                refused(Change.set("/spec/logging", Map.of("level", "verbose")), "$.spec.logging.level:"),
                refused(Change.set("/spec/logging", Map.of("level", "INFO")), "$.spec.logging.level:"),
                refused(Change.set("/spec/logging", Map.of("format", "logfmt")), "$.spec.logging.format:"),
                refused(Change.set("/spec/heartbeat/intervalMS", 500),
                        "$.spec.heartbeat: property 'intervalMS' is not defined"),
                refused(Change.set("/status/phase", "Unknown"), "$.status.phase:"));
    }

    private static Arguments refused(Change change, String error) {
        return Arguments.of(change, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void refusesBadValueNamingTheField(Change change, String expectedError) {
        assertThat(VALIDATOR.validate(change.appliedToMinimalSample()))
                .singleElement().asString().contains(expectedError);
    }

    static Stream<Arguments> goodEdgeValues() {
        return Stream.of(
                Arguments.of(Change.set("/spec/heartbeat/intervalMs", 100)),
                Arguments.of(Change.set("/spec/heartbeat/intervalMs", 60_000)),
                Arguments.of(Change.set("/spec/heartbeat/maxRetries", 10)),
                Arguments.of(Change.set("/spec/sync/port", 1)),
                Arguments.of(Change.set("/spec/ingest/binaryPort", 65_535)),
                Arguments.of(Change.set("/spec/sync/queueCapacity", 100)),
                Arguments.of(Change.set("/spec/service/type", "NodePort")),
                Arguments.of(Change.set("/spec/tls", Map.of("sync", Map.of("secretName", "orders-sync-tls")))),
                Arguments.of(Change.set("/spec/tls", Map.of("ingest", Map.of("secretName", "orders.ingest-tls")))),
                Arguments.of(Change.set("/spec/database/clusterJdbcUrl", "jdbc:postgresql://10.0.0.5/siha?ssl=true")),
                Arguments.of(Change.set("/spec/extensions", Map.of("image", "registry.example.com:5000/ext@sha256:"
                        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))),
                Arguments.of(Change.set("/spec/extensions", Map.of("image", "ext:1", "path", "/",
                        "imagePullPolicy", "Never"))),
                Arguments.of(Change.set("/spec/monitoring", Map.of("podMonitor", Map.of()))),
                Arguments.of(Change.set("/spec/monitoring", Map.of("podMonitor", Map.of("interval", "1m30s")))),
                Arguments.of(Change.set("/spec/monitoring", Map.of("podMonitor", Map.of("interval", "0")))),
                Arguments.of(Change.set("/spec/logging", Map.of("level", "trace", "format", "text"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodEdgeValues")
    void acceptsValuesAtTheLimits(Change change) {
        assertThat(VALIDATOR.validate(change.appliedToMinimalSample())).isEmpty();
    }
}
