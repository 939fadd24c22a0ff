package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.siha.e2e.UnknownFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object the chart renders is a well-formed Kubernetes object: it parses into Fabric8's model with no field the
 * model does not know, and an API server (the Fabric8 mock, in CRUD mode) creates it and gives it back unchanged.
 */
@EnableKubernetesMockClient(crud = true)
class ChartObjectsAcceptedTest {

    KubernetesClient client;

    static Stream<Arguments> valueSets() {
        return Stream.of(
                Arguments.of("defaults", Map.of()),
                Arguments.of("namespaced, custom image and resources", Map.of(
                        "watchNamespaces[0]", "team-a",
                        "watchNamespaces[1]", "team-b",
                        "image.repository", "registry.example.com/si-ha-operator",
                        "image.tag", "0.2.0",
                        "resources.limits.cpu", "1",
                        "metrics.service.annotations.prometheus\\.io/scrape", "true",
                        "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn",
                        "arn:aws:iam::123456789012:role/si-ha-operator")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyRenderedObjectIsKnownToTheModelAndCreatedByTheApiServer(String description, Map<String, String> values) {
        RenderedChart chart = ChartUnderTest.render(values);

        assertThat(chart.objects()).isNotEmpty();
        for (HasMetadata object : chart.objects()) {
            String name = object.getKind() + " " + object.getMetadata().getName();
            assertThat(UnknownFields.of(object)).as("fields of %s unknown to Kubernetes", name).isEmpty();

            HasMetadata created = client.resource(object).create();

            assertThat(created.getMetadata().getUid()).as(name + " created").isNotBlank();
            assertThat(client.resource(object).get()).as(name + " read back").isNotNull();
        }
    }

    @Test
    void theCrdHelmInstallsIsCreatedByTheApiServer() {
        CustomResourceDefinition crd = Serialization.unmarshal(ChartUnderTest.crds(), CustomResourceDefinition.class);

        assertThat(UnknownFields.of(crd)).isEmpty();
        assertThat(client.apiextensions().v1().customResourceDefinitions().resource(crd).create()
                .getMetadata().getName()).isEqualTo("sihaclusters.siha.io");
    }
}
