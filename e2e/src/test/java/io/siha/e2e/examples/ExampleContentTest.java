package io.siha.e2e.examples;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.siha.api.NodeEnv;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.ExtensionsSpec;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.e2e.RepositoryFiles;
import io.siha.node.demo.Demo;
import io.siha.operator.model.NetworkPolicyModel;
import io.siha.operator.model.NodePodModel;
import io.siha.operator.model.PodMonitorModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What each example is for: the end-to-end test counts with the inline one, EKS users copy the EKS one, the TLS one
 * wires cert-manager's Certificates to the Secrets the SiHaCluster mounts, the extensions one goes with the sample
 * Dockerfile of an extensions image, the monitored one asks for a PodMonitor, lets Prometheus in and sets the logging.
 */
class ExampleContentTest {

    @Test
    void everyManifestInExamplesIsOneTheTestsCheck() throws IOException {
        try (var files = Files.list(RepositoryFiles.examples())) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml")))
                    .containsExactlyInAnyOrderElementsOf(Example.FILES);
        }
    }

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
    void theTlsExampleIssuesEachSecretTheClusterMountsAndSignsSyncCertificatesWithACaOfThePairAlone() {
        Example example = Example.load("sihacluster-tls.yaml");
        SiHaClusterSpec spec = example.cluster().getSpec();

        GenericKubernetesResource sync = certificateWritingSecret(example, spec.getTls().getSync().getSecretName());
        GenericKubernetesResource ingest = certificateWritingSecret(example,
                spec.getTls().getIngest().getSecretName());
        // Either node may be active (the client) or passive (the server).
        assertThat(sync.<List<String>>get("spec", "usages")).contains("client auth", "server auth");
        assertThat(ingest.<List<String>>get("spec", "usages")).contains("server auth");
        String syncCa = caSecretOfIssuer(example, sync).orElseThrow();
        String ingestCa = caSecretOfIssuer(example, ingest).orElseThrow();
        assertThat(syncCa).isNotEqualTo(ingestCa);
        assertThat(certificateWritingSecret(example, syncCa).<Boolean>get("spec", "isCA")).isTrue();
        assertThat(certificateWritingSecret(example, ingestCa).<Boolean>get("spec", "isCA")).isTrue();
        assertThat(example.generic("Certificate")).filteredOn(c -> c != sync)
                .noneMatch(c -> caSecretOfIssuer(example, c).equals(Optional.of(syncCa)));
    }

    private static GenericKubernetesResource certificateWritingSecret(Example example, String secretName) {
        return example.generic("Certificate").stream()
                .filter(certificate -> secretName.equals(certificate.get("spec", "secretName"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Certificate writes Secret " + secretName));
    }

    /** The Secret of the CA behind the Issuer that signs {@code certificate}; empty for a non-CA issuer. */
    private static Optional<String> caSecretOfIssuer(Example example, GenericKubernetesResource certificate) {
        String issuer = certificate.get("spec", "issuerRef", "name");
        return example.generic("Issuer").stream().filter(i -> i.getMetadata().getName().equals(issuer)).findFirst()
                .map(i -> Optional.ofNullable(i.<String>get("spec", "ca", "secretName")))
                .orElseThrow(() -> new AssertionError("no Issuer " + issuer));
    }

    /**
     * The operator's init container runs {@code sh -c} and cp in the extensions image as uid 10001 and copies the jars
     * of {@code spec.extensions.path}: the sample Dockerfile must give it all of that.
     */
    @Test
    void theExtensionsExamplesImageHasAShellAndPutsReadableJarsWhereTheSpecLooks() throws IOException {
        Example example = Example.load("sihacluster-extensions.yaml");
        ExtensionsSpec extensions = example.cluster().getSpec().getExtensions();
        List<String> dockerfile = Files.readAllLines(RepositoryFiles.examples().resolve("extensions/Dockerfile"))
                .stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(example.clusterTree().at("/spec/extensions/path").asText()).isEqualTo(extensions.getPath());
        assertThat(extensions.getImage()).matches(".+:[0-9][^:/]*").doesNotEndWith(":latest");
        assertThat(dockerfile).first().asString().matches("FROM busybox:[0-9.]+");
        assertThat(dockerfile).contains("COPY --chmod=0444 *.jar " + extensions.getPath() + "/");
    }

    @Test
    void theEksExampleUsesAnNlbWithBothPodsAsTargetsRdsAndOneZonePerNode() {
        Example example = Example.load("sihacluster-eks.yaml");
        SiHaClusterSpec spec = example.cluster().getSpec();
        String name = example.cluster().getMetadata().getName();

        // The fast path: both pods stay NLB targets, a TCP health check on each listener's port finds the active.
        assertThat(spec.getService().getType().kubernetesName()).isEqualTo("ClusterIP");
        assertThat(spec.getService().getLoadBalancer().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "external")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol", "tcp")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-healthcheck-port", "traffic-port");
        assertThat(spec.getDatabase().getClusterJdbcUrl()).matches("jdbc:postgresql://[^/]+\\.rds\\.amazonaws\\.com:5432/.+");
        assertThat(spec.getPod().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies((PodAffinityTerm term) -> {
                    assertThat(term.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
                    assertThat(term.getLabelSelector().getMatchLabels()).containsExactlyEntriesOf(
                            java.util.Map.of(SiHaLabels.CLUSTER, name));
                });
    }

    @Test
    void theMonitoredExampleAsksForAPodMonitorLetsPrometheusInAndSetsTheNodesLogging() {
        Example example = Example.load("sihacluster-monitored.yaml");
        var cluster = example.cluster();

        var monitor = PodMonitorModel.build(cluster).orElseThrow();
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement()
                .satisfies(endpoint -> assertThat(endpoint.getInterval()).isEqualTo("15s"));
        var rest = NetworkPolicyModel.build(cluster).getSpec().getIngress().get(1);
        assertThat(rest.getFrom()).containsAll(cluster.getSpec().getMonitoring().getScrapeFrom());
        assertThat(rest.getFrom().get(1).getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "monitoring");
        assertThat(NodePodModel.podSpec(cluster).getContainers().get(0).getEnv())
                .extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple(NodeEnv.LOG_LEVEL, "debug"), tuple(NodeEnv.LOG_FORMAT, "json"));
    }
}
