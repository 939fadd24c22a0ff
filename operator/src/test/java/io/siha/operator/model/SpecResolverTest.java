package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SpecResolverTest {

    private final SiHaClusterSpec spec = TestClusters.cluster("orders").getSpec();
    private final Optional<io.fabric8.kubernetes.api.model.Secret> password =
            Optional.of(TestClusters.passwordSecret("pw"));

    @Test
    void aValidSpecResolvesToPasswordAndAppFiles() {
        SpecResolution resolution = SpecResolver.resolve(spec, password, Optional.empty());
        assertThat(resolution).isInstanceOfSatisfying(SpecResolution.Valid.class, valid -> {
            assertThat(TestClusters.decode(valid.inputs().passwordBase64())).isEqualTo("pw");
            assertThat(valid.inputs().apps()).containsOnlyKeys("counter.siddhi");
        });
    }

    @Test
    void appsFromAConfigMapAreItsSiddhiKeys() {
        spec.getApps().setInline(null);
        spec.getApps().setConfigMapName("mine");
        ConfigMap mine = new ConfigMapBuilder().withNewMetadata().withName("mine").endMetadata()
                .withData(Map.of("x.siddhi", "X", "notes.txt", "no")).build();
        assertThat(SpecResolver.resolve(spec, password, Optional.of(mine)))
                .isInstanceOfSatisfying(SpecResolution.Valid.class,
                        valid -> assertThat(valid.inputs().apps()).isEqualTo(Map.of("x.siddhi", "X")));
    }

    @Test
    void eachProblemNamesItsField() {
        assertThat(problems(SpecResolver.resolve(spec, Optional.empty(), Optional.empty())))
                .containsExactly("spec.database.passwordSecretRef.name: Secret pg-password not found");

        spec.getApps().setConfigMapName("mine");
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty())))
                .containsExactly("spec.apps: set exactly one of apps.inline and apps.configMapName");

        spec.getApps().setInline(null);
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.of(new ConfigMapBuilder()
                .withNewMetadata().withName("mine").endMetadata().withData(Map.of("a.txt", "x")).build()))))
                .containsExactly("spec.apps.configMapName: ConfigMap mine has no key ending in .siddhi");
    }

    @Test
    void duplicateAppNamesAndClashingPortsAreProblems() {
        spec.getApps().setInline(List.of(new InlineSiddhiApp("a", "1"), new InlineSiddhiApp("a", "2")));
        spec.getSync().setPort(8006);
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty()))).containsExactlyInAnyOrder(
                "spec.apps.inline[1].name: duplicate app name a",
                "spec.sync.port, spec.ingest: sync.port, ingest.httpPort, ingest.binaryPort and the REST port 9090"
                        + " must all differ");
    }

    @Test
    void requiredFieldsMissingOnAServerWithoutValidationAreProblems() {
        spec.setImage(null);
        spec.setDatabase(null);
        spec.setApps(null);
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty()))).containsExactlyInAnyOrder(
                "spec.image: is required", "spec.database: is required", "spec.apps: is required");
    }

    private static List<String> problems(SpecResolution resolution) {
        assertThat(resolution).isInstanceOf(SpecResolution.Invalid.class);
        return ((SpecResolution.Invalid) resolution).problems().stream().map(SpecProblem::toString).toList();
    }
}
