package io.siha.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A deleted pod comes back, from the same template, and the repair is recorded. */
@EnableKubernetesMockClient(crud = true)
class PodRepairTest {

    KubernetesClient client;
    private OperatorHarness harness;

    @BeforeEach
    void startPair() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        harness = new OperatorHarness(client);
        harness.create(TestClusters.cluster("orders"));
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.findPod("orders-1").isPresent());
        harness.runActive("orders-0", 1);
        harness.runPassive("orders-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> "orders-1".equals(harness.get("orders").getStatus()
                .getPassivePod()));
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void aDeletedPodIsRecreated() {
        var before = harness.pod("orders-1").get();
        harness.pod("orders-1").delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.findPod("orders-1")
                .map(p -> !p.getMetadata().getUid().equals(before.getMetadata().getUid())).orElse(false));
        var after = harness.pod("orders-1").get();
        assertThat(after.getSpec().getContainers()).isEqualTo(before.getSpec().getContainers());
        assertThat(after.getMetadata().getAnnotations()).isEqualTo(before.getMetadata().getAnnotations());
        assertThat(harness.eventReasons()).contains("PodRecreated");
        // The active was not disturbed by the repair.
        assertThat(harness.get("orders").getStatus().getActivePod()).isEqualTo("orders-0");
    }
}
