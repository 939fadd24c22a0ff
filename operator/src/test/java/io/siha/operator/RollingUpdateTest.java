package io.siha.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.NodeEnv;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.IngestTokenSecretRef;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.operator.model.DbSecretModel;
import io.siha.operator.model.OperatorPodAnnotations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.siha.operator.TestClusters.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A spec or referenced-Secret change rolls the pair: passive first, then a step-down, then the former active. */
@EnableKubernetesMockClient(crud = true)
class RollingUpdateTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    KubernetesClient client;
    private OperatorHarness harness;

    @BeforeEach
    void startRunningPair() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        harness = new OperatorHarness(client);
        harness.create(TestClusters.cluster("orders"));
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
    void aSpecChangeRollsPassiveFirstThenStepsDownTheActiveAndSurvivesAnOperatorRestart() {
        String oldHash = hash("orders-0");
        String activeUid = uid("orders-0");
        try (PodTimeline timeline = new PodTimeline(client)) {
            harness.editSpec("orders", c -> {
                c.getSpec().setImage("registry.example.com/si-ha-node:0.2.0");
            });

            // 1. The passive is replaced; the active is left alone.
            await().atMost(WAIT).until(() -> harness.findPod("orders-1").map(p -> !oldHash.equals(hash(p)))
                    .orElse(false));
            String newHash = hash("orders-1");
            assertThat(harness.pod("orders-1").get().getSpec().getContainers().get(0).getImage()).endsWith(":0.2.0");
            assertThat(uid("orders-0")).isEqualTo(activeUid);
            assertThat(annotations("orders-0")).doesNotContainKey(SiHaLabels.STEP_DOWN);

            // The operator goes away mid-rollout; a new one must pick up from what the pods say.
            harness.stop();
            harness.start();

            // 2. Not before the new pod runs as passive is the active asked to step down.
            harness.runPassive("orders-1");
            await().atMost(WAIT).until(() -> annotations("orders-0").containsKey(SiHaLabels.STEP_DOWN));
            assertThat(annotations("orders-0")).containsEntry(SiHaLabels.STEP_DOWN, newHash)
                    .containsKey(OperatorPodAnnotations.STEP_DOWN_REQUESTED_AT);
            assertThat(uid("orders-0")).isEqualTo(activeUid);

            // 3. The nodes hand over (what the node does on the annotation); the former active is then replaced.
            harness.labelRole("orders-0", SiHaLabels.ROLE_PASSIVE, null);
            harness.runActive("orders-1", 2);
            await().atMost(WAIT).until(() -> harness.findPod("orders-0").map(p -> newHash.equals(hash(p)))
                    .orElse(false));
            assertThat(harness.pod("orders-0").get().getMetadata().getAnnotations())
                    .doesNotContainKey(SiHaLabels.STEP_DOWN);
            harness.runPassive("orders-0");

            await().atMost(WAIT).untilAsserted(() -> {
                var status = harness.get("orders").getStatus();
                assertThat(status.getPhase()).isEqualTo(SiHaClusterPhase.RUNNING);
                assertThat(status.getActivePod()).isEqualTo("orders-1");
                assertThat(status.getFailoverCount()).isEqualTo(1);
            });
            assertThat(harness.eventReasons()).contains("StepDownRequested", "Switchover", "RollingUpdate");
            List<String> steps = timeline.entries();
            assertThat(steps).containsSubsequence(
                    "deleted orders-1", "created orders-1", "step-down orders-0", "deleted orders-0",
                    "created orders-0");
            assertThat(steps.indexOf("deleted orders-0")).isGreaterThan(steps.indexOf("step-down orders-0"));
        }
    }

    @Test
    void aChangedPasswordSecretReachesThePodsThroughARollout() {
        String oldHash = hash("orders-1");
        client.secrets().inNamespace(NAMESPACE).withName(TestClusters.PASSWORD_SECRET).edit(s -> {
            s.getData().put("password", TestClusters.base64("rotated"));
            return s;
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(TestClusters.decode(client.secrets().inNamespace(NAMESPACE)
                .withName("orders-db").get().getData().get("db-password"))).isEqualTo("rotated"));
        // The node reads its password once at start, so the pods must be replaced: the passive goes first.
        await().atMost(WAIT).until(() -> harness.findPod("orders-1").map(p -> !oldHash.equals(hash(p)))
                .orElse(false));
        assertThat(hash("orders-0")).isEqualTo(oldHash);
    }

    @Test
    void anIngestTokenReachesThePodsThroughTheDbSecretAndARotationIsFollowed() {
        String oldHash = hash("orders-1");
        client.resource(TestClusters.secret("orders-ingest", "token", "first-token-0123456789")).create();
        harness.editSpec("orders", c -> c.getSpec().getIngest()
                .setAuthTokenSecretRef(new IngestTokenSecretRef("orders-ingest", "token")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ingestToken()).isEqualTo("first-token-0123456789"));
        await().atMost(WAIT).until(() -> harness.findPod("orders-1").map(p -> !oldHash.equals(hash(p)))
                .orElse(false));
        assertThat(harness.pod("orders-1").get().getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().equals(NodeEnv.INGEST_TOKEN)).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getKey())
                        .isEqualTo(DbSecretModel.INGEST_TOKEN_KEY));

        // The user's Secret carries no label of ours: its change must still reach NAME-db, and so the template hash.
        client.secrets().inNamespace(NAMESPACE).withName("orders-ingest").edit(s -> {
            s.getData().put("token", TestClusters.base64("second-token-0123456789"));
            return s;
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(ingestToken()).isEqualTo("second-token-0123456789"));
    }

    private String ingestToken() {
        return TestClusters.decode(client.secrets().inNamespace(NAMESPACE).withName("orders-db").get().getData()
                .get(DbSecretModel.INGEST_TOKEN_KEY));
    }

    @Test
    void anActiveThatNeverStepsDownIsReplacedAfterTheTimeout() {
        harness.close();
        harness = new OperatorHarness(client, Duration.ofSeconds(1));
        String activeUid = uid("orders-0");
        String passiveUid = uid("orders-1");
        harness.editSpec("orders", c -> {
            c.getSpec().getHeartbeat().setIntervalMs(500);
        });
        await().atMost(WAIT).until(() -> harness.findPod("orders-1").map(p -> !passiveUid.equals(uid(p)))
                .orElse(false));
        harness.runPassive("orders-1");
        await().atMost(WAIT).until(() -> annotations("orders-0").containsKey(SiHaLabels.STEP_DOWN));
        // The node ignores it; after the timeout its pod is deleted (SIGTERM also triggers the node's handover).
        await().atMost(WAIT).until(() -> harness.findPod("orders-0").map(p -> !activeUid.equals(uid(p)))
                .orElse(true));
    }

    private String hash(String pod) {
        return hash(harness.pod(pod).get());
    }

    private static String hash(Pod pod) {
        return pod.getMetadata().getAnnotations().get(OperatorPodAnnotations.TEMPLATE_HASH);
    }

    private String uid(String pod) {
        return uid(harness.pod(pod).get());
    }

    private static String uid(Pod pod) {
        return pod.getMetadata().getUid();
    }

    private java.util.Map<String, String> annotations(String pod) {
        return harness.findPod(pod).map(p -> p.getMetadata().getAnnotations()).orElse(java.util.Map.of());
    }
}
