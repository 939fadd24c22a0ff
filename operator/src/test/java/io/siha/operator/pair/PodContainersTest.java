package io.siha.operator.pair;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which container states of a node pod are a failure, read as the kubelet writes them. */
class PodContainersTest {

    private static final String WHY = "invalid Siddhi app: orders.siddhi: No extension exist for source:kafka";

    @Test
    void aNodeWaitingInCrashLoopBackOffFailsWithItsLastTermination() {
        ContainerFailure failure = failureOf(node().withRestartCount(3)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 40s restarting failed container=node").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").withMessage(WHY)
                .endTerminated().endLastState().build()).orElseThrow();

        assertThat(failure).isEqualTo(new ContainerFailure("node", false, "node:1",
                java.util.OptionalInt.of(1), "Error", WHY));
    }

    @Test
    void aContainerThatExitedWithAnErrorFailsOneThatExitedCleanlyDoesNot() {
        assertThat(failureOf(node().withNewState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
                .endTerminated().endState().build())).hasValueSatisfying(f -> {
                    assertThat(f.exitCode()).hasValue(137);
                    assertThat(f.reason()).isEqualTo("OOMKilled");
                    assertThat(f.message()).isEmpty();
                });
        assertThat(failureOf(node().withNewState().withNewTerminated().withExitCode(0).endTerminated().endState()
                .build())).isEmpty();
    }

    @Test
    void aContainerRunningAgainAfterAnErrorFailsUntilItGotThroughItsStartupProbe() {
        ContainerStatusBuilder restarted = node().withRestartCount(1)
                .withNewState().withNewRunning().withStartedAt("2026-01-01T00:00:00Z").endRunning().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withMessage(WHY).endTerminated()
                .endLastState();

        assertThat(failureOf(restarted.withStarted(false).build())).isPresent();
        assertThat(failureOf(restarted.withStarted(true).build())).isEmpty();
        assertThat(failureOf(restarted.withStarted(false).withNewState().withNewWaiting()
                .withReason("ContainerCreating").endWaiting().endState().build())).as("being created again").isPresent();
    }

    @Test
    void aContainerThatCannotBeStartedFailsWithTheKubeletsMessageOneBeingCreatedDoesNot() {
        assertThat(failureOf(node().withNewState().withNewWaiting().withReason("CreateContainerConfigError")
                .withMessage("secret \"orders-aws\" not found").endWaiting().endState().build()))
                .hasValueSatisfying(f -> {
                    assertThat(f.exitCode()).isEmpty();
                    assertThat(f.reason()).isEqualTo("CreateContainerConfigError");
                    assertThat(f.message()).isEqualTo("secret \"orders-aws\" not found");
                });
        assertThat(failureOf(node().withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting()
                .endState().build())).isEmpty();
    }

    @Test
    void aFailingInitContainerIsReportedBeforeTheNodeContainerThatWaitsForIt() {
        PodStatus status = new PodStatusBuilder().withPhase("Pending")
                .withInitContainerStatuses(new ContainerStatusBuilder().withName("extensions").withImage("ext:1")
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                        .withNewLastState().withNewTerminated().withExitCode(1)
                        .withMessage("no *.jar in /extensions of the extensions image").endTerminated().endLastState()
                        .build())
                .withContainerStatuses(node().withNewState().withNewWaiting().withReason("PodInitializing")
                        .endWaiting().endState().build())
                .build();

        PodContainers containers = PodContainers.of(status);
        assertThat(containers.nodeRunning()).isFalse();
        assertThat(containers.failure()).hasValueSatisfying(f -> {
            assertThat(f.init()).isTrue();
            assertThat(f.container()).isEqualTo("extensions");
        });
    }

    @Test
    void aPodBeingDeletedIsNotJudged() {
        PodStatus status = new PodStatusBuilder().withPhase("Running").withContainerStatuses(node()
                .withNewState().withNewTerminated().withExitCode(143).endTerminated().endState().build()).build();
        var pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("c-0")
                .withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().withStatus(status).build();
        assertThat(NodePodView.of(pod).failure()).isEmpty();
        pod.getMetadata().setDeletionTimestamp(null);
        assertThat(NodePodView.of(pod).failure()).isPresent();
    }

    private static ContainerStatusBuilder node() {
        return new ContainerStatusBuilder().withName("node").withImage("node:1");
    }

    private static Optional<ContainerFailure> failureOf(ContainerStatus node) {
        return PodContainers.of(new PodStatusBuilder().withPhase("Running").withContainerStatuses(node).build())
                .failure();
    }
}
