package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.node.demo.Demo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An app the node cannot start, on the mock Kubernetes with real node processes: it parses (so the operator lets it
 * through), but the node lacks the extension it uses, so each node exits saying which app, line and extension, and
 * the kubelet (played by this test, {@code FallbackToLogsOnError} as the kubelet does it) restarts it again and
 * again. The operator reports it in the NodesRunning condition and one Event, instead of leaving the user to find a
 * CrashLoopBackOff; fixing the app in the spec rolls the pair back to running.
 */
class NodeFailureOnKubernetesTest extends OnMockCluster {

    /** An app with a RabbitMQ source, an SI extension the node does not bring (Kafka it now has). */
    private static final String RABBITMQ_APP = "@app:name('Orders')\n"
            + "@source(type='rabbitmq', uri='amqp://guest:guest@rabbitmq:5672', exchange.name='orders',"
            + " @map(type='json'))\n"
            + "define stream OrderStream (region string, amount long);\n"
            + "from OrderStream select region, amount insert into Totals;\n";
    private static final String WHY = "invalid Siddhi app: orders.siddhi: Error on 'Orders' @ Line: 2.";

    @Test
    void aNodeThatCannotStartItsAppIsReportedOnceWithTheAppLineAndCauseAndTheFixedSpecRecovers() {
        SiHaCluster cluster = kube.counterCluster("sweets", 200);
        cluster.getSpec().getApps().setInline(List.of(new InlineSiddhiApp("orders", RABBITMQ_APP)));
        kube.apply(cluster);

        await("both nodes failing, reported").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(nodesRunning()).isPresent();
            Condition nodes = nodesRunning().get();
            assertThat(nodes.getStatus()).isEqualTo("False");
            assertThat(nodes.getReason()).isEqualTo("NodeFailing");
            assertThat(nodes.getMessage()).startsWith("pods sweets-0, sweets-1: container node exited with code 1: "
                    + WHY).contains("No extension exist for source:rabbitmq");
        });
        // The kubelet's own record, which the condition was read from: the tail of the log of the run that exited.
        ContainerStatus node = kube.pod("sweets-0").orElseThrow().getStatus().getContainerStatuses().get(0);
        assertThat(node.getLastState().getTerminated().getMessage()).contains("INFO").contains(WHY);

        // Crash loop: several more restarts of each pod, each a new process writing the same failure anew.
        int restarts = restarts("sweets-0");
        await("more restarts").atMost(Duration.ofSeconds(60)).until(() -> restarts("sweets-0") >= restarts + 3);
        assertThat(kube.cluster("sweets").orElseThrow().getStatus().getPhase()).isEqualTo(SiHaClusterPhase.FAILED);
        List<Event> failing = kube.events("sweets").stream().filter(e -> "NodeFailing".equals(e.getReason()))
                .toList();
        assertThat(failing).as("one Event for the one failure, whatever the restarts").singleElement()
                .satisfies(event -> {
                    assertThat(event.getType()).isEqualTo("Warning");
                    assertThat(event.getMessage()).contains(WHY).contains("No extension exist for source:rabbitmq");
                });

        kube.editSpec("sweets", c -> c.getSpec().getApps().setInline(
                List.of(new InlineSiddhiApp("counter", Demo.SAMPLE_APP))));
        await("the fixed pair running").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(kube.cluster("sweets").orElseThrow().getStatus().getPhase())
                    .isEqualTo(SiHaClusterPhase.RUNNING);
            assertThat(nodesRunning()).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
        });
        kube.deleteClusterAndAwaitPodsGone("sweets");
    }

    private Optional<Condition> nodesRunning() {
        SiHaCluster cluster = kube.cluster("sweets").orElseThrow();
        return cluster.getStatus() == null || cluster.getStatus().getConditions() == null ? Optional.empty()
                : cluster.getStatus().getConditions().stream().filter(c -> "NodesRunning".equals(c.getType()))
                .findFirst();
    }

    private int restarts(String pod) {
        return kube.pod(pod).flatMap(p -> Optional.ofNullable(p.getStatus()))
                .map(s -> s.getContainerStatuses() == null || s.getContainerStatuses().isEmpty() ? 0
                        : s.getContainerStatuses().get(0).getRestartCount())
                .orElse(0);
    }
}
