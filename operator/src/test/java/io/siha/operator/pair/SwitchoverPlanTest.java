package io.siha.operator.pair;

import io.siha.api.v1alpha1.SwitchoverResult;
import io.siha.operator.pair.PodAction.RequestStepDown;
import io.siha.operator.pair.PodAction.Wait;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.siha.operator.pair.Pods.HASH;
import static io.siha.operator.pair.Pods.active;
import static io.siha.operator.pair.Pods.pair;
import static io.siha.operator.pair.Pods.passive;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link SwitchoverPlanner}: a switchover requested in the spec is decided once, and followed to its end. */
class SwitchoverPlanTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> PODS = List.of("c-0", "c-1");
    private static final SwitchoverRequest TO_C1 = new SwitchoverRequest("c-1", "");

    private final PairPlanner pods = new PairPlanner(Duration.ofSeconds(60));
    private final SwitchoverPlanner planner = new SwitchoverPlanner(Duration.ofSeconds(60));
    private final PairObservation running = pair(active("c-0", 3, HASH), passive("c-1", HASH));

    @Test
    void noRequestKeepsTheRecordOfTheLastOne() {
        SwitchoverRecord done = accepted().next(SwitchoverResult.Succeeded, "Switched", "c-1 took over", NOW);
        assertThat(decide(running, List.of(), Optional.empty(), Optional.of(done)))
                .isEqualTo(new SwitchoverStep(Optional.of(done), List.of()));
        assertThat(decide(running, List.of(), Optional.empty(), Optional.empty()))
                .isEqualTo(new SwitchoverStep(Optional.empty(), List.of()));
    }

    @Test
    void anAcceptedRequestAsksTheActiveOnceToHandOver() {
        SwitchoverStep step = decide(running, List.of(), Optional.of(TO_C1), Optional.empty());

        assertThat(step.actions()).singleElement().isInstanceOfSatisfying(RequestStepDown.class, r -> {
            assertThat(r.name()).isEqualTo("c-0");
            assertThat(r.token()).isEqualTo("switchover-epoch-3");
        });
        SwitchoverRecord record = step.record().orElseThrow();
        assertThat(record.result()).isEqualTo(SwitchoverResult.InProgress);
        assertThat(record.fromPod()).contains("c-0");
        assertThat(record.epoch()).hasValue(3);
        assertThat(record.requestedAt()).isEqualTo(NOW);
        // Seen again while the handover runs: no second request.
        assertThat(planner.switchover(running, PODS, List.of(), Optional.of(TO_C1), step.record(),
                NOW.plusSeconds(1)).actions()).isEmpty();
    }

    @Test
    void itSucceedsOnceTheNamedPodHoldsANewerLease() {
        PairObservation handedOver = pair(Pods.asPassive(active("c-0", 3, HASH)), active("c-1", 4, HASH));
        SwitchoverRecord record = planner.switchover(handedOver, PODS, List.of(), Optional.of(TO_C1),
                Optional.of(accepted()), NOW.plusSeconds(2)).record().orElseThrow();
        assertThat(record.result()).isEqualTo(SwitchoverResult.Succeeded);
        assertThat(record.reason()).isEqualTo("Switched");
        assertThat(record.message()).isEqualTo("c-1 took over (epoch 4)");
        assertThat(record.since()).isEqualTo(NOW.plusSeconds(2));
        // Mid-handover, nobody active yet: still in progress.
        PairObservation between = pair(Pods.asPassive(active("c-0", 3, HASH)), passive("c-1", HASH));
        assertThat(planner.switchover(between, PODS, List.of(), Optional.of(TO_C1), Optional.of(accepted()),
                NOW.plusSeconds(1)).record()).contains(accepted());
    }

    @Test
    void itFailsWhenTheFormerActiveTakesTheLeaseBackOrNothingHappensWithinTheTimeout() {
        PairObservation tookBack = pair(active("c-0", 5, HASH), passive("c-1", HASH));
        assertThat(planner.switchover(tookBack, PODS, List.of(), Optional.of(TO_C1), Optional.of(accepted()),
                NOW.plusSeconds(5)).record().orElseThrow())
                .satisfies(r -> {
                    assertThat(r.result()).isEqualTo(SwitchoverResult.Failed);
                    assertThat(r.reason()).isEqualTo("TakeoverFailed");
                });
        assertThat(planner.switchover(running, PODS, List.of(), Optional.of(TO_C1), Optional.of(accepted()),
                NOW.plusSeconds(60)).record().orElseThrow())
                .satisfies(r -> {
                    assertThat(r.result()).isEqualTo(SwitchoverResult.Failed);
                    assertThat(r.reason()).isEqualTo("TimedOut");
                    assertThat(r.message()).isEqualTo("c-1 did not take over within 60 s of the step-down request"
                            + " to c-0");
                });
    }

    @Test
    void aFinishedRequestLeftInTheSpecIsNotCarriedOutAgain() {
        SwitchoverRecord done = accepted().next(SwitchoverResult.Succeeded, "Switched", "c-1 took over", NOW);
        // Later a failover made c-0 active again; the same request is still in the spec (in Git).
        PairObservation afterFailover = pair(active("c-0", 9, HASH), passive("c-1", HASH));
        assertThat(decide(afterFailover, List.of(), Optional.of(TO_C1), Optional.of(done)))
                .isEqualTo(new SwitchoverStep(Optional.of(done), List.of()));
        // A new requestId asks again.
        SwitchoverStep again = decide(afterFailover, List.of(), Optional.of(new SwitchoverRequest("c-1", "2")),
                Optional.of(done));
        assertThat(again.actions()).singleElement().isInstanceOfSatisfying(RequestStepDown.class,
                r -> assertThat(r.token()).isEqualTo("switchover-epoch-9:2"));
    }

    @Test
    void aPodNotOfThePairIsRefused() {
        assertRefused(running, new SwitchoverRequest("c-7", ""), "UnknownPod",
                "c-7 is not a pod of this pair; name c-0 or c-1; nothing was changed");
    }

    @Test
    void theActiveItselfIsRefused() {
        assertRefused(running, new SwitchoverRequest("c-0", ""), "AlreadyActive",
                "c-0 is already active (epoch 3); nothing was changed");
    }

    @Test
    void aPodThatDoesNotRunAsPassiveIsRefused() {
        assertRefused(pair(active("c-0", 3, HASH), Pods.starting("c-1", HASH)), TO_C1, "NoPassiveInSync",
                "c-1 does not run as passive (phase Pending, role none), so c-0 has no one to hand its events to;"
                        + " nothing was changed");
        assertRefused(pair(active("c-0", 3, HASH), null), TO_C1, "NoPassiveInSync",
                "c-1 does not run as passive (the pod does not exist), so c-0 has no one to hand its events to;"
                        + " nothing was changed");
    }

    @Test
    void withoutAnActiveItIsRefused() {
        assertRefused(pair(passive("c-0", HASH), passive("c-1", HASH)), TO_C1, "NoActive",
                "no pod is active, so none can hand over to c-1; nothing was changed");
    }

    @Test
    void aPassiveAboutToBeMovedIsRefused() {
        assertRefused(pair(active("c-0", 3, HASH), Pods.disrupted(passive("c-1", HASH), "node n2 is cordoned")),
                TO_C1, "TargetBeingMoved", "c-1 is about to be moved: node n2 is cordoned; nothing was changed");
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        SwitchoverStep refused = decide(pair(active("c-0", 3, HASH), Pods.starting("c-1", HASH)), List.of(),
                Optional.of(TO_C1), Optional.empty());
        // The passive runs now; the refused request stays refused until the request changes.
        assertThat(planner.switchover(running, PODS, List.of(), Optional.of(TO_C1), refused.record(),
                NOW.plusSeconds(30))).isEqualTo(new SwitchoverStep(refused.record(), List.of()));
    }

    @Test
    void whileThePairIsBeingChangedTheRequestWaitsThenIsDecided() {
        List<PodAction> rollout = List.of(new Wait("rolling update: waiting for c-1 to run as passive"));
        SwitchoverStep pending = decide(running, rollout, Optional.of(TO_C1), Optional.empty());
        assertThat(pending.actions()).isEmpty();
        assertThat(pending.record().orElseThrow().result()).isEqualTo(SwitchoverResult.Pending);
        assertThat(pending.record().orElseThrow().message())
                .isEqualTo("waiting for the pair to settle: rolling update: waiting for c-1 to run as passive");

        SwitchoverStep decided = planner.switchover(running, PODS, List.of(), Optional.of(TO_C1), pending.record(),
                NOW.plusSeconds(20));
        assertThat(decided.record().orElseThrow().result()).isEqualTo(SwitchoverResult.InProgress);
        assertThat(decided.record().orElseThrow().requestedAt()).as("first seen while pending").isEqualTo(NOW);
        assertThat(decided.actions()).hasSize(1);
    }

    private SwitchoverStep decide(PairObservation pair, List<PodAction> otherSteps,
                                  Optional<SwitchoverRequest> request, Optional<SwitchoverRecord> last) {
        return planner.switchover(pair, PODS, otherSteps, request, last, NOW);
    }

    private SwitchoverRecord accepted() {
        return decide(running, List.of(), Optional.of(TO_C1), Optional.empty()).record().orElseThrow();
    }

    private void assertRefused(PairObservation pair, SwitchoverRequest request, String reason, String message) {
        SwitchoverStep step = decide(pair, List.of(), Optional.of(request), Optional.empty());
        assertThat(step.actions()).isEmpty();
        SwitchoverRecord record = step.record().orElseThrow();
        assertThat(record.result()).isEqualTo(SwitchoverResult.Refused);
        assertThat(record.reason()).isEqualTo(reason);
        assertThat(record.message()).isEqualTo(message);
    }

    @Test
    void aPassiveThatRefusedTheLatestSnapshotIsRefusedAndAHaltedRolloutKeepsTheRequestPending() {
        NodePodView refusing = Pods.refusingState(passive("c-1", HASH));
        assertRefused(pair(active("c-0", 3, HASH), refusing), TO_C1, "NoPassiveInSync",
                "c-1 refused the latest snapshot (" + Pods.REFUSAL + "), so it cannot take over from c-0; nothing"
                        + " was changed");

        // The usual case: the refusal halted a rollout, which the request waits for (it is decided once the apps or
        // the policy change and the rollout ends), asking nothing of the active meanwhile.
        PairObservation halted = pair(active("c-0", 3, Pods.OLD), refusing);
        List<PodAction> plan = pods.plan(halted, HASH, NOW);
        SwitchoverStep step = decide(halted, plan, Optional.of(TO_C1), Optional.empty());
        assertThat(step.actions()).isEmpty();
        assertThat(step.record().orElseThrow().result()).isEqualTo(SwitchoverResult.Pending);
        assertThat(step.record().orElseThrow().message()).contains("rolling update halted: c-1 refused the latest"
                + " snapshot");
    }

    @Test
    void aTimedOutSwitchoverIsOnlyReportedAndARetryInTheSameTermIsANewStepDownValue() {
        NodePodView asked = Pods.steppingDown(active("c-0", 3, HASH), "switchover-epoch-3", NOW);
        PairObservation stillC0 = pair(asked, passive("c-1", HASH));
        SwitchoverStep timedOut = planner.switchover(stillC0, PODS, List.of(), Optional.of(TO_C1),
                Optional.of(accepted()), NOW.plusSeconds(61));
        assertThat(timedOut.record().orElseThrow().reason()).isEqualTo("TimedOut");
        // The request c-0 has not acted on is taken back, so that it cannot happen once the status says it failed.
        assertThat(timedOut.actions()).singleElement().isInstanceOfSatisfying(PodAction.WithdrawStepDown.class, w -> {
            assertThat(w.name()).isEqualTo("c-0");
            assertThat(w.token()).isEqualTo("switchover-epoch-3");
        });
        // Not when c-0 no longer carries it (a drain's request replaced it, or it is gone).
        assertThat(planner.switchover(pair(active("c-0", 3, HASH), passive("c-1", HASH)), PODS, List.of(),
                Optional.of(TO_C1), Optional.of(accepted()), NOW.plusSeconds(61)).actions()).isEmpty();
        // The active keeps its role: neither the pod steps nor the switchover delete it, however long it stays.
        assertThat(pods.plan(stillC0, HASH, NOW.plusSeconds(600))).isEmpty();
        assertThat(decide(stillC0, List.of(), Optional.of(TO_C1), timedOut.record()).actions()).isEmpty();

        // Asked again with a new requestId while c-0 is still in epoch 3: a value the node has not seen yet.
        SwitchoverStep again = decide(stillC0, List.of(), Optional.of(new SwitchoverRequest("c-1", "retry")),
                timedOut.record());
        assertThat(again.actions()).singleElement().isInstanceOfSatisfying(RequestStepDown.class, r -> {
            assertThat(r.token()).isEqualTo("switchover-epoch-3:retry");
            // Still read as ending term 3, so the takeover it causes counts as planned.
            assertThat(Pods.steppingDown(passive("c-0", HASH), r.token(), NOW).askedToEndTerm(3)).isTrue();
            assertThat(Pods.steppingDown(passive("c-0", HASH), r.token(), NOW).askedToEndTerm(4)).isFalse();
        });
    }
}
