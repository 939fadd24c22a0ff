package io.siha.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/** What the generated CRD declares besides the schema: names, scope, version, subresources, kubectl columns. */
class SiHaClusterCrdTest {

    private static final CustomResourceDefinition CRD = CrdFiles.generatedCrd();

    private static CustomResourceDefinitionVersion onlyVersion() {
        assertThat(CRD.getSpec().getVersions()).hasSize(1);
        return CRD.getSpec().getVersions().get(0);
    }

    @Test
    void namesTheResourceForKubectl() {
        CustomResourceDefinitionNames names = CRD.getSpec().getNames();
        assertThat(CRD.getMetadata().getName()).isEqualTo("sihaclusters.siha.io");
        assertThat(CRD.getSpec().getGroup()).isEqualTo("siha.io");
        assertThat(names.getKind()).isEqualTo("SiHaCluster");
        assertThat(names.getPlural()).isEqualTo("sihaclusters");
        assertThat(names.getSingular()).isEqualTo("sihacluster");
        assertThat(names.getShortNames()).containsExactly("siha");
    }

    @Test
    void isNamespaced() {
        assertThat(CRD.getSpec().getScope()).isEqualTo("Namespaced");
    }

    @Test
    void servesAndStoresV1alpha1() {
        CustomResourceDefinitionVersion version = onlyVersion();
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
    }

    /** Without it a status write would go through the spec and bump metadata.generation, re-triggering reconciles. */
    @Test
    void statusIsASubresource() {
        assertThat(onlyVersion().getSubresources()).isNotNull();
        assertThat(onlyVersion().getSubresources().getStatus()).isNotNull();
        assertThat(onlyVersion().getSubresources().getScale()).isNull();
    }

    /** In the order of the CRD users install (the generator's own sorts by JSON path, AGE first). */
    @Test
    void kubectlGetShowsReadyActivePassiveEpochFailoversPhaseAndAgeLast() {
        List<CustomResourceColumnDefinition> columns = CrdFiles.checkedInCrd().getSpec().getVersions().get(0)
                .getAdditionalPrinterColumns();

        assertThat(columns).extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(
                        tuple("READY", ".status.conditions[?(@.type==\"Ready\")].status"),
                        tuple("ACTIVE", ".status.activePod"),
                        tuple("PASSIVE", ".status.passivePod"),
                        tuple("EPOCH", ".status.epoch"),
                        tuple("FAILOVERS", ".status.failoverCount"),
                        tuple("PHASE", ".status.phase"),
                        tuple("AGE", ".metadata.creationTimestamp"));
        assertThat(columns).extracting(CustomResourceColumnDefinition::getName)
                .containsExactlyElementsOf(SiHaCluster.PRINTER_COLUMNS);
    }

    /** What kubectl explain siha, siha.spec and siha.status show. */
    @Test
    void theResourceItsSpecAndItsStatusAreDescribed() {
        var schema = CrdFiles.checkedInCrd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        assertThat(schema.getDescription()).isEqualTo(SiHaCluster.DESCRIPTION);
        assertThat(schema.getProperties().get("spec").getDescription()).startsWith("What the pair runs");
        assertThat(schema.getProperties().get("status").getDescription()).startsWith("What the operator observed");
    }

    @Test
    void printerColumnsHaveTheTypesKubectlFormats() {
        Map<String, String> types = onlyVersion().getAdditionalPrinterColumns().stream()
                .collect(Collectors.toMap(CustomResourceColumnDefinition::getName,
                        CustomResourceColumnDefinition::getType));

        // date makes kubectl print an age ("5m") rather than a timestamp.
        assertThat(types).contains(entry("AGE", "date"), entry("EPOCH", "integer"), entry("ACTIVE", "string"));
    }
}
