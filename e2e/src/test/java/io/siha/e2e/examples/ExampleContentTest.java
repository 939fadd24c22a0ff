package io.siha.e2e.examples;

import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.node.demo.Demo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each example is for: the end-to-end test counts with the inline one, EKS users copy the EKS one. */
class ExampleContentTest {

    @Test
    void theInlineExampleRunsTheDemosCountingApp() {
        Example example = Example.load("sihacluster-inline.yaml");
        var apps = example.cluster().getSpec().getApps().getInline();

        assertThat(apps).singleElement().satisfies(app -> assertThat(app.getSiddhi()).isEqualTo(Demo.SAMPLE_APP));
        assertThat(Demo.SAMPLE_APP).contains("@app:name('" + Demo.APP + "')", "define stream " + Demo.STREAM + " ");
        assertThat(example.secrets()).extracting(secret -> secret.getMetadata().getName())
                .containsExactly(example.cluster().getSpec().getDatabase().getPasswordSecretRef().getName());
    }

    @Test
    void theConfigMapExampleTakesItsAppsFromTheConfigMapItShips() {
        Example example = Example.load("sihacluster-configmap.yaml");
        SiHaClusterSpec spec = example.cluster().getSpec();

        assertThat(spec.getApps().getInline()).isNull();
        assertThat(example.configMaps()).singleElement().satisfies(configMap -> {
            assertThat(configMap.getMetadata().getName()).isEqualTo(spec.getApps().getConfigMapName());
            assertThat(configMap.getData().keySet()).hasSizeGreaterThan(1).allMatch(key -> key.endsWith(".siddhi"));
        });
    }

    @Test
    void theEksExampleUsesAnNlbRdsAndOneZonePerNode() {
        Example example = Example.load("sihacluster-eks.yaml");
        SiHaClusterSpec spec = example.cluster().getSpec();
        String name = example.cluster().getMetadata().getName();

        assertThat(spec.getService().getType().kubernetesName()).isEqualTo("LoadBalancer");
        assertThat(spec.getService().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "external")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip");
        assertThat(spec.getDatabase().getClusterJdbcUrl()).matches("jdbc:postgresql://[^/]+\\.rds\\.amazonaws\\.com:5432/.+");
        assertThat(spec.getPod().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies((PodAffinityTerm term) -> {
                    assertThat(term.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
                    assertThat(term.getLabelSelector().getMatchLabels()).containsExactlyEntriesOf(
                            java.util.Map.of(SiHaLabels.CLUSTER, name));
                });
    }
}
