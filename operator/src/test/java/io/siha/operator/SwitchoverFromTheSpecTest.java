package io.siha.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SwitchoverResult;
import io.siha.api.v1alpha1.SwitchoverSpec;
import io.siha.api.v1alpha1.SwitchoverStatus;
import io.siha.operator.status.ConditionTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spec.switchover} through the operator and the mock API server: an accepted request asks the active once to
 * hand over and is recorded until the named pod took over; a request that cannot be honoured is refused in the status
 * with its reason and changes nothing; neither is acted on again while it stays in the spec.
 */
@EnableKubernetesMockClient(crud = true)
class SwitchoverFromTheSpecTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a request left in the spec is watched for a second action that must not come. */
    private static final Duration NOT_AGAIN = Duration.ofSeconds(2);
    /** Tags a test whose operator waits 2 s, not 2 minutes, for a requested handover. */
    private static final String SHORT_STEP_DOWN_TIMEOUT = "short-step-down-timeout";

    KubernetesClient client;
    private OperatorHarness harness;

    @BeforeEach
    void startOperatorWithTwoPods(TestInfo test) {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        harness = new OperatorHarness(client, test.getTags().contains(SHORT_STEP_DOWN_TIMEOUT)
                ? Duration.ofSeconds(2) : Duration.ofMinutes(2));
        harness.create(TestClusters.cluster("orders"));
        await().atMost(WAIT).until(() -> harness.findPod("orders-0").isPresent()
                && harness.findPod("orders-1").isPresent());
        harness.runActive("orders-0", 1);
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void anAcceptedSwitchoverHandsOverOnceAndIsNotRepeatedWhileItStaysInTheSpec() {
        awaitRunningPair();

        requestSwitchoverTo("orders-1", null);
        await().atMost(WAIT).until(() -> stepDown("orders-0") != null);
        assertThat(stepDown("orders-0")).isEqualTo("switchover-epoch-1");
        SwitchoverStatus inProgress = awaitSwitchover(SwitchoverResult.InProgress);
        assertThat(inProgress.getFromPod()).isEqualTo("orders-0");
        assertThat(inProgress.getEpoch()).isEqualTo(1L);
        assertThat(harness.eventReasons()).contains("StepDownRequested", "SwitchoverAccepted");

        // A new operator (restart, or another replica taking the Lease) follows the switchover from the status.
        harness.stop();
        harness.start();

        // What the nodes do on the annotation: the active hands over, the passive takes the lease.
        harness.labelRole("orders-0", SiHaLabels.ROLE_PASSIVE, null);
        harness.run("orders-0", false);
        harness.runActive("orders-1", 2);
        SwitchoverStatus done = awaitSwitchover(SwitchoverResult.Succeeded);
        assertThat(done.getReason()).isEqualTo("Switched");
        assertThat(done.getMessage()).isEqualTo("orders-1 took over (epoch 2)");
        Condition completed = condition(ConditionTypes.SWITCHOVER_COMPLETED);
        assertThat(completed.getStatus()).isEqualTo("True");
        assertThat(harness.get("orders").getStatus().getActivePod()).isEqualTo("orders-1");
        await().atMost(WAIT).until(() -> harness.eventReasons().contains("Switchover"));

        // A failover later makes orders-0 active again; the request, still in the spec (in Git), is not redone.
        harness.labelRole("orders-1", SiHaLabels.ROLE_PASSIVE, null);
        harness.run("orders-1", false);
        harness.runActive("orders-0", 3);
        await().atMost(WAIT).until(() -> "orders-0".equals(harness.get("orders").getStatus().getActivePod()));
        await().during(NOT_AGAIN).atMost(NOT_AGAIN.plusSeconds(3)).until(() ->
                "switchover-epoch-1".equals(stepDown("orders-0"))
                        && lastSwitchover().getResult() == SwitchoverResult.Succeeded);

        // A new requestId asks again, for the new term.
        assertAskedAgain("again", "switchover-epoch-3:again");
    }

    @Test
    @Tag(SHORT_STEP_DOWN_TIMEOUT)
    void aSwitchoverTheActiveDoesNotActOnTimesOutIsTakenBackWithoutTouchingThePodAndARetryAsksAnew() {
        awaitRunningPair();
        String activeUid = harness.pod("orders-0").get().getMetadata().getUid();

        // The harness's node never hands over: as a node whose watch of its pod is down.
        requestSwitchoverTo("orders-1", null);
        await().atMost(WAIT).until(() -> "switchover-epoch-1".equals(stepDown("orders-0")));
        SwitchoverStatus failed = awaitSwitchover(SwitchoverResult.Failed);
        assertThat(failed.getReason()).isEqualTo("TimedOut");
        await().atMost(WAIT).until(() -> stepDown("orders-0") == null);
        await().atMost(WAIT).until(() -> harness.eventReasons()
                .containsAll(List.of("StepDownWithdrawn", "SwitchoverFailed")));
        assertThat(harness.pod("orders-0").get().getMetadata().getUid()).as("the active's pod, not deleted")
                .isEqualTo(activeUid);
        assertThat(harness.get("orders").getStatus().getActivePod()).isEqualTo("orders-0");

        // Asked again in the same term: a step-down value the node has not seen.
        assertAskedAgain("retry", "switchover-epoch-1:retry");
    }

    @Test
    void aPodThatIsNotOfThePairIsRefused() {
        awaitRunningPair();
        requestSwitchoverTo("orders-7", null);
        assertRefusedAndNotRetried("UnknownPod", "orders-7 is not a pod of this pair; name orders-0 or orders-1;"
                + " nothing was changed");
    }

    @Test
    void theActivePodIsRefused() {
        awaitRunningPair();
        requestSwitchoverTo("orders-0", null);
        assertRefusedAndNotRetried("AlreadyActive", "orders-0 is already active (epoch 1); nothing was changed");
    }

    @Test
    void aPodThatDoesNotRunAsPassiveIsRefusedAndTheRequestIsNotRetriedOnceItDoes() {
        // orders-1 runs, but its node has not joined as passive (no role label yet).
        harness.run("orders-1", false);
        await().atMost(WAIT).until(() -> harness.get("orders").getStatus() != null
                && "orders-0".equals(harness.get("orders").getStatus().getActivePod()));
        requestSwitchoverTo("orders-1", null);
        assertRefusedAndNotRetried("NoPassiveInSync", "orders-1 does not run as passive (phase Running, role"
                + " none), so orders-0 has no one to hand its events to; nothing was changed");

        harness.labelRole("orders-1", SiHaLabels.ROLE_PASSIVE, null);
        await().atMost(WAIT).until(() -> harness.get("orders").getStatus().getPhase() == SiHaClusterPhase.RUNNING);
        await().during(NOT_AGAIN).atMost(NOT_AGAIN.plusSeconds(3)).until(() -> stepDown("orders-0") == null
                && lastSwitchover().getResult() == SwitchoverResult.Refused);
    }

    /** A request for orders-1 under a new {@code requestId} is accepted and asks orders-0 with {@code token}. */
    private void assertAskedAgain(String requestId, String token) {
        requestSwitchoverTo("orders-1", requestId);
        await().atMost(WAIT).until(() -> token.equals(stepDown("orders-0")));
        assertThat(awaitSwitchover(SwitchoverResult.InProgress).getRequestId()).isEqualTo(requestId);
    }

    private void assertRefusedAndNotRetried(String reason, String message) {
        SwitchoverStatus refused = awaitSwitchover(SwitchoverResult.Refused);
        assertThat(refused.getReason()).isEqualTo(reason);
        assertThat(refused.getMessage()).isEqualTo(message);
        Condition completed = condition(ConditionTypes.SWITCHOVER_COMPLETED);
        assertThat(completed.getStatus()).isEqualTo("False");
        assertThat(completed.getReason()).isEqualTo(reason);
        await().atMost(WAIT).until(() -> harness.events().stream().anyMatch(e ->
                "SwitchoverRefused".equals(e.getReason()) && e.getMessage().startsWith(reason + ": ")));
        await().during(NOT_AGAIN).atMost(NOT_AGAIN.plusSeconds(3)).until(() -> stepDown("orders-0") == null
                && lastSwitchover().getResult() == SwitchoverResult.Refused);
        assertThat(harness.events().stream().filter(e -> "SwitchoverRefused".equals(e.getReason())))
                .as("refused once, not in a loop").hasSize(1);
    }

    private void awaitRunningPair() {
        harness.runPassive("orders-1");
        await().atMost(WAIT).until(() -> harness.get("orders").getStatus() != null
                && harness.get("orders").getStatus().getPhase() == SiHaClusterPhase.RUNNING);
    }

    private void requestSwitchoverTo(String pod, String requestId) {
        harness.editSpec("orders", c -> c.getSpec().setSwitchover(new SwitchoverSpec(pod, requestId)));
    }

    private SwitchoverStatus awaitSwitchover(SwitchoverResult result) {
        await().atMost(WAIT).until(() -> lastSwitchover() != null && lastSwitchover().getResult() == result);
        return lastSwitchover();
    }

    private SwitchoverStatus lastSwitchover() {
        var status = harness.get("orders").getStatus();
        return status == null ? null : status.getLastSwitchover();
    }

    private Condition condition(String type) {
        return StatusAndFailoverTest.condition(harness.get("orders").getStatus(), type);
    }

    private String stepDown(String pod) {
        Map<String, String> annotations = harness.pod(pod).get().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(SiHaLabels.STEP_DOWN);
    }
}
