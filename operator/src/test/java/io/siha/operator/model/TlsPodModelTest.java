package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.siha.api.NodeEnv;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.TlsSecretRef;
import io.siha.api.v1alpha1.TlsSpec;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** spec.tls in the pods: each Secret mounted read-only at a fixed path, the node told where, the hash following it. */
class TlsPodModelTest {

    private final SiHaCluster cluster = TestClusters.persistedByAnEarlierOperator("orders");

    @Test
    void aClusterWithoutTlsMountsNothingAndKeepsTheTemplateHashOfEarlierOperators() {
        Pod pod = NodePodModel.build(cluster, 0, "h");

        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).containsExactly("apps", "tmp");
        assertThat(container(pod).getEnv()).extracting(EnvVar::getName)
                .doesNotContain(NodeEnv.SYNC_TLS_DIR, NodeEnv.INGEST_TLS_DIR);
        // Computed by the operator before spec.tls existed: an upgraded operator must not roll running pairs.
        assertThat(PodTemplateHash.of(NodePodModel.podSpec(cluster),
                DbSecretModel.build(cluster, "cA==", "cw==", Optional.empty()),
                AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A"))), Map.of()))
                .isEqualTo("73af40ebeb4f1f7c");
    }

    @Test
    void syncTlsMountsTheCertificateKeyAndCaReadOnlyAndNamesTheDirectory() {
        cluster.getSpec().setTls(new TlsSpec(new TlsSecretRef("orders-sync-tls"), null));

        Pod pod = NodePodModel.build(cluster, 1, "h");

        Volume volume = volume(pod, "tls-sync");
        assertThat(volume.getSecret().getSecretName()).isEqualTo("orders-sync-tls");
        assertThat(volume.getSecret().getItems()).extracting(KeyToPath::getKey, KeyToPath::getPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple("tls.crt", "tls.crt"),
                org.assertj.core.groups.Tuple.tuple("tls.key", "tls.key"),
                org.assertj.core.groups.Tuple.tuple("ca.crt", "ca.crt"));
        assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
        assertThat(container(pod).getVolumeMounts()).filteredOn(m -> m.getName().equals("tls-sync")).singleElement()
                .satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/etc/siha/tls/sync");
                    assertThat(mount.getReadOnly()).isTrue();
                });
        assertThat(env(pod, NodeEnv.SYNC_TLS_DIR)).isEqualTo("/etc/siha/tls/sync");
        assertThat(container(pod).getEnv()).extracting(EnvVar::getName).doesNotContain(NodeEnv.INGEST_TLS_DIR);
    }

    @Test
    void ingestTlsMountsOnlyCertificateAndKeyAndTheRestProbeStaysHttp() {
        cluster.getSpec().setTls(new TlsSpec(null, new TlsSecretRef("orders-ingest-tls")));

        Pod pod = NodePodModel.build(cluster, 0, "h");

        assertThat(volume(pod, "tls-ingest").getSecret().getItems()).extracting(KeyToPath::getKey)
                .containsExactly("tls.crt", "tls.key");
        assertThat(env(pod, NodeEnv.INGEST_TLS_DIR)).isEqualTo("/etc/siha/tls/ingest");
        assertThat(container(pod).getReadinessProbe().getHttpGet().getScheme()).isNull(); // HTTP, the default
        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).doesNotContain("tls-sync");
    }

    @Test
    void aRenewedCertificateChangesTheTemplateHashSoThePairRolls() {
        cluster.getSpec().setTls(new TlsSpec(new TlsSecretRef("orders-sync-tls"), null));

        String issued = hashWith(TestClusters.tlsSecret("orders-sync-tls", "v1"));
        String renewed = hashWith(TestClusters.tlsSecret("orders-sync-tls", "v2"));

        assertThat(issued).isEqualTo(hashWith(TestClusters.tlsSecret("orders-sync-tls", "v1")));
        assertThat(renewed).isNotEqualTo(issued);
    }

    private String hashWith(io.fabric8.kubernetes.api.model.Secret syncSecret) {
        SpecResolution resolution = SpecResolver.resolve(cluster.getSpec(),
                Optional.of(TestClusters.passwordSecret("pw")), Optional.empty(), Optional.empty(),
                new TlsSecrets(Optional.of(syncSecret), Optional.empty()));
        assertThat(resolution).isInstanceOf(SpecResolution.Valid.class);
        return DesiredObjects.of(cluster, ((SpecResolution.Valid) resolution).inputs(), "cw==").podTemplateHash();
    }

    private static Volume volume(Pod pod, String name) {
        return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String env(Pod pod, String name) {
        return container(pod).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                .getValue();
    }

    private static Container container(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }
}
