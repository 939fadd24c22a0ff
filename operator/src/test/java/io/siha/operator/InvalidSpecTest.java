package io.siha.operator;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.IngestTokenSecretRef;
import io.siha.api.v1alpha1.PasswordSecretRef;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.TlsSecretRef;
import io.siha.api.v1alpha1.TlsSpec;
import io.siha.operator.status.ConditionTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.siha.operator.TestClusters.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Specs the schema cannot reject: nothing is created or touched, and a condition names the field. */
@EnableKubernetesMockClient(crud = true)
class InvalidSpecTest {

    private static final String APP_A = "@app:name('A') define stream In (a int);";

    KubernetesClient client;
    private OperatorHarness harness;

    @BeforeEach
    void startOperator() {
        harness = new OperatorHarness(client);
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void aMissingPasswordSecretIsNamed() {
        harness.create(TestClusters.cluster("orders"));
        Condition invalid = awaitInvalid("orders");
        assertThat(invalid.getMessage())
                .isEqualTo("spec.database.passwordSecretRef.name: Secret " + TestClusters.PASSWORD_SECRET + " not found");
        assertNothingCreated("orders");
        assertThat(harness.get("orders").getStatus().getPhase()).isEqualTo(SiHaClusterPhase.FAILED);
        assertThat(harness.eventReasons()).contains("InvalidSpec");

        // Fixing it (the Secret appears) is noticed without touching the SiHaCluster.
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.findPod("orders-0").isPresent());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                StatusAndFailoverTest.condition(harness.get("orders").getStatus(), ConditionTypes.INVALID_SPEC)
                        .getStatus()).isEqualTo("False"));
    }

    @Test
    void aPasswordSecretWithoutTheKeyIsNamed() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().getDatabase().setPasswordSecretRef(
                new PasswordSecretRef(TestClusters.PASSWORD_SECRET, "pass"));
        harness.create(cluster);
        assertThat(awaitInvalid("orders").getMessage()).isEqualTo(
                "spec.database.passwordSecretRef.key: Secret " + TestClusters.PASSWORD_SECRET + " has no key pass");
        assertNothingCreated("orders");
    }

    @Test
    void aMissingIngestTokenSecretIsNamed() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().getIngest().setAuthTokenSecretRef(
                new IngestTokenSecretRef("orders-ingest", IngestTokenSecretRef.DEFAULT_KEY));
        harness.create(cluster);
        assertThat(awaitInvalid("orders").getMessage())
                .isEqualTo("spec.ingest.authTokenSecretRef.name: Secret orders-ingest not found");
        assertNothingCreated("orders");
    }

    @Test
    void aTlsSecretNotYetIssuedIsNamedAndThePairStartsOnceCertManagerWritesIt() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().setTls(new TlsSpec(new TlsSecretRef("orders-sync-tls"), null));
        harness.create(cluster);
        assertThat(awaitInvalid("orders").getMessage()).isEqualTo("spec.tls.sync.secretName: Secret orders-sync-tls"
                + " not found (a cert-manager Certificate writes it once issued)");
        assertNothingCreated("orders");

        client.resource(TestClusters.tlsSecret("orders-sync-tls", "v1")).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.findPod("orders-0").isPresent());
        assertThat(harness.pod("orders-0").get().getSpec().getVolumes()).anySatisfy(volume ->
                assertThat(volume.getSecret()).isNotNull()
                        .satisfies(secret -> assertThat(secret.getSecretName()).isEqualTo("orders-sync-tls")));
    }

    @Test
    void aSyncTlsSecretWithoutItsCaIsNamed() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        client.resource(new SecretBuilder(TestClusters.tlsSecret("orders-sync-tls", "v1")).removeFromData("ca.crt")
                .build()).create();
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().setTls(new TlsSpec(new TlsSecretRef("orders-sync-tls"), null));
        harness.create(cluster);
        assertThat(awaitInvalid("orders").getMessage()).startsWith("spec.tls.sync.secretName: Secret orders-sync-tls"
                + " has no key ca.crt");
        assertNothingCreated("orders");
    }

    @Test
    void aMissingAppsConfigMapIsNamed() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().getApps().setInline(null);
        cluster.getSpec().getApps().setConfigMapName("my-apps");
        harness.create(cluster);
        assertThat(awaitInvalid("orders").getMessage())
                .isEqualTo("spec.apps.configMapName: ConfigMap my-apps not found");
        assertNothingCreated("orders");

        // Once it exists, its .siddhi keys are copied into orders-apps.
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("my-apps").withNamespace(NAMESPACE)
                .endMetadata().withData(Map.of("a.siddhi", APP_A, "README", "not an app")).build()).create();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                client.configMaps().inNamespace(NAMESPACE).withName("orders-apps").get().getData())
                .isEqualTo(Map.of("a.siddhi", APP_A)));
    }

    @Test
    void duplicateInlineAppNamesAreNamed() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().getApps().setInline(List.of(new InlineSiddhiApp("counter", APP_A),
                new InlineSiddhiApp("counter", APP_A)));
        harness.create(cluster);
        assertThat(awaitInvalid("orders").getMessage())
                .isEqualTo("spec.apps.inline[1].name: duplicate app name counter");
        assertNothingCreated("orders");
    }

    @Test
    void anInvalidEditLeavesTheRunningPodsAlone() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        harness.create(TestClusters.cluster("orders"));
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.findPod("orders-1").isPresent());
        String uid0 = harness.pod("orders-0").get().getMetadata().getUid();
        String apps = client.configMaps().inNamespace(NAMESPACE).withName("orders-apps").get().getMetadata()
                .getResourceVersion();

        harness.editSpec("orders", c -> {
            c.getSpec().getApps().setInline(List.of(new InlineSiddhiApp("x", APP_A), new InlineSiddhiApp("x", APP_A)));
        });
        Condition invalid = awaitInvalid("orders");
        assertThat(invalid.getObservedGeneration()).isEqualTo(2L);
        assertThat(harness.pod("orders-0").get().getMetadata().getUid()).isEqualTo(uid0);
        assertThat(client.configMaps().inNamespace(NAMESPACE).withName("orders-apps").get().getMetadata()
                .getResourceVersion()).isEqualTo(apps);
    }

    @Test
    void aSwitchoverToSomethingThatIsNoPodNameIsNamed() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().setSwitchover(new io.siha.api.v1alpha1.SwitchoverSpec("Orders_1", "x".repeat(64)));
        harness.create(cluster);
        assertThat(awaitInvalid("orders").getMessage()).isEqualTo("spec.switchover.activePod: Orders_1: must be a pod"
                + " name (lower case letters, digits and '-', at most 63), e.g. NAME-1; spec.switchover.requestId:"
                + " must be at most 63 characters");
        assertNothingCreated("orders");

        harness.editSpec("orders", c -> c.getSpec().setSwitchover(new io.siha.api.v1alpha1.SwitchoverSpec(" ", null)));
        await().atMost(Duration.ofSeconds(5)).until(() -> awaitInvalid("orders").getMessage()
                .equals("spec.switchover.activePod: is required: the pod to make active"));
    }

    private Condition awaitInvalid(String name) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            var status = harness.get(name).getStatus();
            return status != null && status.getConditions() != null && status.getConditions().stream()
                    .anyMatch(c -> ConditionTypes.INVALID_SPEC.equals(c.getType()) && "True".equals(c.getStatus()));
        });
        var status = harness.get(name).getStatus();
        Condition degraded = StatusAndFailoverTest.condition(status, ConditionTypes.DEGRADED);
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("InvalidSpec");
        return StatusAndFailoverTest.condition(status, ConditionTypes.INVALID_SPEC);
    }

    private void assertNothingCreated(String name) {
        assertThat(harness.findPod(name + "-0")).isEmpty();
        assertThat(harness.findPod(name + "-1")).isEmpty();
        assertThat(client.secrets().inNamespace(NAMESPACE).withName(name + "-db").get()).isNull();
        assertThat(client.services().inNamespace(NAMESPACE).withName(name).get()).isNull();
    }
}
