package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siha.api.SiHaDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The CEL rules (x-kubernetes-validations) of the generated CRD. A JSON Schema validator cannot run them, so they
 * are compiled and evaluated here with CEL for Java. An invalid rule would make the API server refuse the whole CRD.
 */
class SiHaClusterValidationRulesTest {

    private static final JsonNode SCHEMA = CrdFiles.generatedOpenApiSchema();
    private static final JsonNode APPS_SCHEMA = SCHEMA.at("/properties/spec/properties/apps");

    @Test
    void everyRuleCompiles() {
        List<String> rules = rulesUnder(SCHEMA);

        assertThat(rules).isNotEmpty();
        rules.forEach(rule -> assertThatCode(() -> new CelRule(rule)).as(rule).doesNotThrowAnyException());
    }

    @Test
    void appsCarryTheExactlyOneSourceRuleWithAMessage() {
        JsonNode validations = APPS_SCHEMA.path("x-kubernetes-validations");

        assertThat(validations).hasSize(1);
        assertThat(validations.get(0).path("rule").asText()).isEqualTo(AppsSpec.EXACTLY_ONE_SOURCE_RULE);
        assertThat(validations.get(0).path("message").asText()).contains("apps.inline", "apps.configMapName");
    }

    @Test
    void appsFromAConfigMapAreAdmitted() {
        assertThat(appsRule().admits(apps(true, false))).isTrue();
    }

    @Test
    void inlineAppsAreAdmitted() {
        assertThat(appsRule().admits(apps(false, true))).isTrue();
    }

    @Test
    void appsFromBothSourcesAreRefused() {
        assertThat(appsRule().admits(apps(true, true))).isFalse();
    }

    @Test
    void appsFromNoSourceAreRefused() {
        assertThat(appsRule().admits(apps(false, false))).isFalse();
    }

    @Test
    void specCarriesTheDistinctPortsRule() {
        assertThat(SCHEMA.at("/properties/spec/x-kubernetes-validations/0/rule").asText())
                .isEqualTo(SiHaClusterSpec.DISTINCT_PORTS_RULE);
    }

    @Test
    void defaultPortsAreAdmitted() {
        assertThat(portsRule().admits(specWithPorts(Map.of()))).isTrue();
    }

    @Test
    void otherDistinctPortsAreAdmitted() {
        assertThat(portsRule().admits(specWithPorts(Map.of("/sync/port", 7000, "/ingest/httpPort", 7001)))).isTrue();
    }

    static Stream<Arguments> clashingPorts() {
        return Stream.of(
                Arguments.of(Map.of("/ingest/httpPort", 9611, "/ingest/binaryPort", 9611)),
                Arguments.of(Map.of("/sync/port", 8006, "/ingest/httpPort", 8006)),
                Arguments.of(Map.of("/sync/port", 9700, "/ingest/binaryPort", 9700)),
                Arguments.of(Map.of("/ingest/binaryPort", SiHaDefaults.REST_PORT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clashingPorts")
    void clashingPortsAreRefused(Map<String, Integer> ports) {
        assertThat(portsRule().admits(specWithPorts(ports))).isFalse();
    }

    private static CelRule portsRule() {
        return new CelRule(SCHEMA.at("/properties/spec/x-kubernetes-validations/0/rule").asText());
    }

    /** The minimal sample's spec with some ports set and, as the API server would, the other ports defaulted. */
    private static JsonNode specWithPorts(Map<String, Integer> ports) {
        ObjectNode spec = (ObjectNode) Samples.tree(Samples.MINIMAL).get("spec");
        ports.forEach((pointer, port) -> JsonPointerEdits.set(spec, pointer, IntNode.valueOf(port)));
        return SchemaDefaulting.apply(SCHEMA.at("/properties/spec"), spec);
    }

    private static CelRule appsRule() {
        return new CelRule(APPS_SCHEMA.at("/x-kubernetes-validations/0/rule").asText());
    }

    /** spec.apps of the full sample (inline apps), with or without each source. */
    private static JsonNode apps(boolean withConfigMap, boolean withInline) {
        ObjectNode apps = (ObjectNode) Samples.tree(Samples.FULL).at("/spec/apps");
        if (withConfigMap) {
            apps.put("configMapName", "orders-apps");
        }
        if (!withInline) {
            apps.remove("inline");
        }
        return apps;
    }

    private static List<String> rulesUnder(JsonNode schema) {
        List<String> rules = new ArrayList<>();
        schema.path("x-kubernetes-validations").forEach(validation -> rules.add(validation.path("rule").asText()));
        schema.path("properties").forEach(property -> rules.addAll(rulesUnder(property)));
        if (schema.has("items")) {
            rules.addAll(rulesUnder(schema.get("items")));
        }
        if (schema.path("additionalProperties").isObject()) {
            rules.addAll(rulesUnder(schema.get("additionalProperties")));
        }
        return rules;
    }
}
