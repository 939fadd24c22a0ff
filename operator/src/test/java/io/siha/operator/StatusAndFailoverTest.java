package io.siha.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.operator.status.ConditionTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The node's label changes, simulated on the pods, show in the status, the failover count and Events. */
@EnableKubernetesMockClient(crud = true)
class StatusAndFailoverTest {

    KubernetesClient client;
    private OperatorHarness harness;

    @BeforeEach
    void startPair() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        harness = new OperatorHarness(client);
        harness.create(TestClusters.cluster("orders"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> harness.findPod("orders-0").isPresent() && harness.findPod("orders-1").isPresent());
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void activeAndPassiveShowAsRunningAndAFailoverIsCountedOnce() {
        harness.runActive("orders-0", 1);
        harness.runPassive("orders-1");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            SiHaClusterStatus status = harness.get("orders").getStatus();
            assertThat(status.getPhase()).isEqualTo(SiHaClusterPhase.RUNNING);
            assertThat(status.getActivePod()).isEqualTo("orders-0");
            assertThat(status.getPassivePod()).isEqualTo("orders-1");
            assertThat(status.getEpoch()).isEqualTo(1L);
            assertThat(status.getFailoverCount()).isZero();
            assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo("True");
            assertThat(condition(status, ConditionTypes.PASSIVE_READY).getStatus()).isEqualTo("True");
            assertThat(condition(status, ConditionTypes.DEGRADED).getStatus()).isEqualTo("False");
        });

        // The active dies; its pod is failed by the kubelet, the passive takes the lease (epoch 2) and labels itself.
        harness.fail("orders-0");
        harness.runActive("orders-1", 2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            SiHaClusterStatus status = harness.get("orders").getStatus();
            assertThat(status.getActivePod()).isEqualTo("orders-1");
            assertThat(status.getEpoch()).isEqualTo(2L);
            assertThat(status.getFailoverCount()).isEqualTo(1);
            assertThat(status.getLastFailoverTime()).isNotNull();
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(harness.eventReasons()).contains("Failover", "PodReplaced"));

        // The failed pod is replaced and joins as passive: the pair is whole again, still one failover.
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.findPod("orders-0")
                .map(p -> p.getStatus() == null || !"Failed".equals(p.getStatus().getPhase())).orElse(false));
        harness.runPassive("orders-0");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            SiHaClusterStatus status = harness.get("orders").getStatus();
            assertThat(status.getPhase()).isEqualTo(SiHaClusterPhase.RUNNING);
            assertThat(status.getPassivePod()).isEqualTo("orders-0");
            assertThat(status.getFailoverCount()).isEqualTo(1);
        });
        assertThat(harness.eventReasons()).filteredOn("Failover"::equals).hasSize(1);
    }

    @Test
    void withoutAPassiveThePairIsDegraded() {
        harness.runActive("orders-0", 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            SiHaClusterStatus status = harness.get("orders").getStatus();
            assertThat(status.getPhase()).isEqualTo(SiHaClusterPhase.DEGRADED);
            Condition degraded = condition(status, ConditionTypes.DEGRADED);
            assertThat(degraded.getStatus()).isEqualTo("True");
            assertThat(degraded.getReason()).isEqualTo("NoPassive");
            assertThat(condition(status, ConditionTypes.PASSIVE_READY).getStatus()).isEqualTo("False");
        });
    }

    @Test
    void twoPodsLabelledActiveLeaveTheNewerEpochActive() {
        harness.runActive("orders-0", 3);
        harness.runPassive("orders-1");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "orders-0".equals(harness.get("orders").getStatus().getActivePod()));

        // A node that missed its fencing (the situation the lease exists to prevent) still says active, epoch 3,
        // while the other took over with epoch 4.
        harness.runActive("orders-1", 4);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(harness.pod("orders-0").get().getMetadata().getLabels())
                    .containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE);
            assertThat(harness.pod("orders-1").get().getMetadata().getLabels())
                    .containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);
            assertThat(harness.eventReasons()).contains("DualActive");
            SiHaClusterStatus status = harness.get("orders").getStatus();
            assertThat(status.getActivePod()).isEqualTo("orders-1");
            assertThat(status.getEpoch()).isEqualTo(4L);
        });
        assertThat(harness.events()).filteredOn(e -> "DualActive".equals(e.getReason())).first()
                .satisfies(e -> assertThat(e.getMessage()).contains("orders-0 (epoch 3)", "orders-1 (epoch 4)"));
    }

    static Condition condition(SiHaClusterStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + status.getConditions()));
    }
}
