package io.siha.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.TlsSecretRef;
import io.siha.api.v1alpha1.TlsSpec;
import io.siha.operator.model.OperatorPodAnnotations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.siha.operator.TestClusters.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cert-manager renews a certificate by rewriting its Secret in place. The node reads its certificates once, at start,
 * so the renewal reaches it the way a rotated password does: the pair rolls, passive first, then a planned handover.
 */
@EnableKubernetesMockClient(crud = true)
class TlsRotationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    KubernetesClient client;
    private OperatorHarness harness;

    @BeforeEach
    void startRunningPairWithTls() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        client.resource(TestClusters.tlsSecret("orders-sync-tls", "issued")).create();
        client.resource(TestClusters.tlsSecret("orders-ingest-tls", "issued")).create();
        harness = new OperatorHarness(client);
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().setTls(new TlsSpec(new TlsSecretRef("orders-sync-tls"),
                new TlsSecretRef("orders-ingest-tls")));
        harness.create(cluster);
        await().atMost(WAIT).until(() -> harness.findPod("orders-0").isPresent() && harness.findPod("orders-1")
                .isPresent());
        harness.runActive("orders-0", 1);
        harness.runPassive("orders-1");
        await().atMost(WAIT).until(() -> harness.get("orders").getStatus().getPhase() == SiHaClusterPhase.RUNNING);
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void aRenewedCertificateRollsThePassiveFirstAndThenAsksTheActiveToStepDown() {
        String issuedHash = hash("orders-1");
        String activeUid = harness.pod("orders-0").get().getMetadata().getUid();

        renew("orders-sync-tls");

        await().atMost(WAIT).until(() -> harness.findPod("orders-1").map(p -> !issuedHash.equals(hash(p)))
                .orElse(false));
        assertThat(harness.pod("orders-0").get().getMetadata().getUid()).as("the active serves on meanwhile")
                .isEqualTo(activeUid);
        harness.runPassive("orders-1");
        await().atMost(WAIT).until(() -> harness.pod("orders-0").get().getMetadata().getAnnotations()
                .containsKey(SiHaLabels.STEP_DOWN));
        assertThat(harness.eventReasons()).contains("RollingUpdate");
    }

    @Test
    void eachChannelsSecretIsFollowed() {
        String issuedHash = hash("orders-1");

        renew("orders-ingest-tls");

        await().atMost(WAIT).until(() -> harness.findPod("orders-1").map(p -> !issuedHash.equals(hash(p)))
                .orElse(false));
    }

    /** What cert-manager does on renewal: new certificate and key in the same Secret. */
    private void renew(String secret) {
        client.secrets().inNamespace(NAMESPACE).withName(secret).edit(s -> {
            s.setData(TestClusters.tlsSecret(secret, "renewed").getData());
            return s;
        });
    }

    private String hash(String pod) {
        return hash(harness.pod(pod).get());
    }

    private static String hash(Pod pod) {
        return pod.getMetadata().getAnnotations().get(OperatorPodAnnotations.TEMPLATE_HASH);
    }
}
