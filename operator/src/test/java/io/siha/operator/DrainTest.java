package io.siha.operator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.operator.status.ConditionTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A cordon of the active's Node, seen through the operator's Node informer, makes the active hand over. */
@EnableKubernetesMockClient(crud = true)
class DrainTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    KubernetesClient client;
    private OperatorHarness harness;

    @BeforeEach
    void startRunningPairOnTwoNodes() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        client.resource(node("n1")).create();
        client.resource(node("n2")).create();
        harness = new OperatorHarness(client);
        harness.create(TestClusters.cluster("orders"));
        await().atMost(WAIT).until(() -> harness.findPod("orders-0").isPresent()
                && harness.findPod("orders-1").isPresent());
        bind("orders-0", "n1");
        bind("orders-1", "n2");
        harness.runActive("orders-0", 1);
        harness.runPassive("orders-1");
        await().atMost(WAIT).until(() -> harness.get("orders").getStatus() != null
                && harness.get("orders").getStatus().getPhase() == SiHaClusterPhase.RUNNING);
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void cordoningTheActivesNodeAsksItToHandOverAndOnlyOnce() {
        client.nodes().withName("n1").edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        });

        await().atMost(WAIT).until(() -> "drain-epoch-1".equals(stepDown("orders-0")));
        await().atMost(WAIT).until(() -> harness.events().stream().anyMatch(e ->
                "StepDownRequested".equals(e.getReason())
                        && e.getMessage().equals("drain: node n1 is cordoned: asked active pod orders-0 to hand over"
                        + " to orders-1")));

        // Handed over: the former active is passive on the cordoned node; nothing more to do for the operator.
        harness.labelRole("orders-0", SiHaLabels.ROLE_PASSIVE, null);
        harness.run("orders-0", false);
        harness.runActive("orders-1", 2);
        await().atMost(WAIT).until(() -> "orders-1".equals(harness.get("orders").getStatus().getActivePod()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                stepDown("orders-1") == null && harness.findPod("orders-0").isPresent());
        assertThat(harness.events().stream().filter(e -> "StepDownRequested".equals(e.getReason()))).hasSize(1);
    }

    @Test
    void aDrainTaintOnTheActivesNodeCountsAsADrainAndAnUnrelatedNodeChangeDoesNot() {
        client.nodes().withName("n1").edit(n -> new NodeBuilder(n).editMetadata().addToLabels("team", "payments")
                .endMetadata().editSpec().addNewTaint().withKey("dedicated").withEffect("NoSchedule").endTaint()
                .endSpec().build());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> stepDown("orders-0") == null);

        client.nodes().withName("n1").edit(n -> new NodeBuilder(n).editSpec().addNewTaint()
                .withKey("karpenter.sh/disrupted").withEffect("NoSchedule").endTaint().endSpec().build());
        await().atMost(WAIT).until(() -> "drain-epoch-1".equals(stepDown("orders-0")));
    }

    @Test
    void aPassiveOnANodeBeingDrainedTooIsNotHandedOverTo() {
        client.nodes().withName("n2").edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        });
        client.nodes().withName("n1").edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        });
        await().atMost(WAIT).until(() -> harness.get("orders").getStatus().getConditions().stream().anyMatch(c ->
                c.getType().equals(ConditionTypes.DEGRADED) && c.getReason().equals("NodeDrain")
                        && c.getMessage().equals("drain: node n1 is cordoned; not handing over to orders-1: node n2"
                        + " is cordoned")));
        assertThat(stepDown("orders-0")).isNull();
    }

    private void bind(String pod, String node) {
        harness.pod(pod).edit(p -> {
            p.getSpec().setNodeName(node);
            return p;
        });
    }

    private String stepDown(String pod) {
        Map<String, String> annotations = harness.pod(pod).get().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(SiHaLabels.STEP_DOWN);
    }

    private static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec().build();
    }
}
