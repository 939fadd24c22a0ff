package io.siha.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.operator.model.SpecProblem;
import io.siha.operator.pair.NodePodView;
import io.siha.operator.pair.PairObservation;
import io.siha.operator.pair.PairPlanner;
import io.siha.operator.pair.PodAction;
import io.siha.operator.pair.SwitchoverPlanner;
import io.siha.operator.pair.SwitchoverRecord;
import io.siha.operator.pair.SwitchoverRequest;
import io.siha.operator.pair.Pods;
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

class StatusCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);

    @Test
    void aFreshPairIsPendingAndNotDegraded() {
        StatusUpdate update = compute(null, pair(Pods.starting("c-0", HASH), Pods.starting("c-1", HASH)), T0);
        assertThat(update.status().getPhase()).isEqualTo(SiHaClusterPhase.PENDING);
        assertThat(condition(update, ConditionTypes.DEGRADED).getReason()).isEqualTo("Starting");
        assertThat(update.status().getFailoverCount()).isZero();
        assertThat(update.status().getEpoch()).isNull();
    }

    @Test
    void activeAndRunningPassiveIsRunning() {
        StatusUpdate update = compute(null, pair(active("c-0", 4, HASH), passive("c-1", HASH)), T0);
        SiHaClusterStatus status = update.status();
        assertThat(status.getPhase()).isEqualTo(SiHaClusterPhase.RUNNING);
        assertThat(status.getActivePod()).isEqualTo("c-0");
        assertThat(status.getPassivePod()).isEqualTo("c-1");
        assertThat(status.getEpoch()).isEqualTo(4L);
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(condition(update, ConditionTypes.READY).getStatus()).isEqualTo("True");
        assertThat(condition(update, ConditionTypes.PASSIVE_READY).getStatus()).isEqualTo("True");
        assertThat(update.failover()).isEmpty();
    }

    @Test
    void aRefusedSnapshotMakesStateCompatibleFalseOnceAndADiscardIsReportedButTrue() {
        StatusUpdate healthy = compute(null, pair(active("c-0", 4, Pods.OLD), passive("c-1", HASH)), T0);
        assertThat(condition(healthy, ConditionTypes.STATE_COMPATIBLE).getStatus()).isEqualTo("True");
        assertThat(healthy.stateNews()).isEmpty();

        NodePodView refusing = Pods.withTrouble(passive("c-1", HASH), new NodePodView.Trouble(Optional.empty(),
                Optional.empty(), Optional.of("snapshot revision 9 does not fit: app 'Counter': ..."), Optional.empty()));
        StatusUpdate refused = compute(healthy.status(), pair(active("c-0", 4, Pods.OLD), refusing), T1);
        Condition state = condition(refused, ConditionTypes.STATE_COMPATIBLE);
        assertThat(state.getStatus()).isEqualTo("False");
        assertThat(state.getReason()).isEqualTo("IncompatibleState");
        assertThat(state.getMessage()).isEqualTo("pod c-1: snapshot revision 9 does not fit: app 'Counter': ...");
        assertThat(refused.stateNews()).contains(state);
        // The same refusal seen again is no news: one Event, not one per reconcile.
        assertThat(compute(refused.status(), pair(active("c-0", 4, Pods.OLD), refusing), T1.plusSeconds(5)).stateNews())
                .isEmpty();

        NodePodView fresh = Pods.withTrouble(active("c-1", 5, HASH), new NodePodView.Trouble(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("app 'Counter' started empty")));
        StatusUpdate discarded = compute(refused.status(), pair(passive("c-0", HASH), fresh), T1.plusSeconds(9));
        assertThat(condition(discarded, ConditionTypes.STATE_COMPATIBLE).getStatus()).isEqualTo("True");
        assertThat(condition(discarded, ConditionTypes.STATE_COMPATIBLE).getReason()).isEqualTo("StateDiscarded");
        assertThat(discarded.stateNews()).isPresent();
    }

    @Test
    void aDrainHeldByARolloutHaltedOnRefusedStateReadsNodeDrainWithStateCompatibleFalseAndTheSwitchoverPending() {
        PairPlanner planner = new PairPlanner(Duration.ofSeconds(60));
        SwitchoverPlanner switchovers = new SwitchoverPlanner(Duration.ofSeconds(60));
        NodePodView refusing = Pods.refusingState(passive("c-1", HASH));
        PairObservation halted = pair(active("c-0", 4, Pods.OLD), refusing);
        PairObservation haltedAndDrained = pair(Pods.disrupted(active("c-0", 4, Pods.OLD), "node n1 is cordoned"),
                refusing);

        StatusUpdate rolling = withPlan(planner, switchovers, halted, Optional.empty());
        assertThat(condition(rolling, ConditionTypes.DEGRADED).getReason()).isEqualTo("RollingUpdate");
        Optional<SwitchoverRequest> toC1 = Optional.of(new SwitchoverRequest("c-1", ""));
        StatusUpdate drained = withPlan(planner, switchovers, haltedAndDrained, toC1);

        Condition degraded = condition(drained, ConditionTypes.DEGRADED);
        assertThat(degraded.getStatus()).isEqualTo("False");
        assertThat(degraded.getReason()).isEqualTo("NodeDrain");
        assertThat(degraded.getMessage()).contains("node n1 is cordoned").contains("rolling update halted")
                .contains("the PodDisruptionBudget refuses the eviction of c-0");
        Condition state = condition(drained, ConditionTypes.STATE_COMPATIBLE);
        assertThat(state.getStatus()).isEqualTo("False");
        assertThat(state.getReason()).isEqualTo("IncompatibleState");
        assertThat(state.getMessage()).isEqualTo("pod c-1: " + Pods.REFUSAL);
        Condition switchover = condition(drained, ConditionTypes.SWITCHOVER_COMPLETED);
        assertThat(switchover.getStatus()).isEqualTo("False");
        assertThat(switchover.getReason()).isEqualTo("WaitingForPair");
        assertThat(switchover.getMessage()).contains("rolling update halted");
        assertThat(drained.status().getActivePod()).isEqualTo("c-0");
    }

    /** The status of one reconcile: the planner's steps for {@code pair} (desired template HASH) as its inputs. */
    private static StatusUpdate withPlan(PairPlanner planner, SwitchoverPlanner switchovers, PairObservation pair,
                                         Optional<SwitchoverRequest> request) {
        List<PodAction> plan = planner.plan(pair, HASH, T0);
        Optional<String> waitingFor = plan.stream().filter(PodAction.Wait.class::isInstance)
                .map(PodAction::reason).findFirst();
        Optional<SwitchoverRecord> record = switchovers.switchover(pair, List.of("c-0", "c-1"), plan, request,
                Optional.empty(), T0).record();
        return StatusCalculator.compute(null, new StatusInputs(pair, 3, List.of(), waitingFor,
                PodMonitorState.NOT_ASKED, record), T0);
    }

    @Test
    void theActivesReportedTroubleShowsInItsConditionsAndGoesWithIt() {
        StatusUpdate healthy = compute(null, pair(active("c-0", 4, HASH), passive("c-1", HASH)), T0);
        assertThat(condition(healthy, ConditionTypes.SNAPSHOTS_CURRENT).getStatus()).isEqualTo("True");
        assertThat(condition(healthy, ConditionTypes.ACCEPTING_EVENTS).getStatus()).isEqualTo("True");

        NodePodView troubled = Pods.withTrouble(active("c-0", 4, HASH), new NodePodView.Trouble(
                Optional.of(T0.minusSeconds(20)), Optional.of("the apps' state outgrows this node's memory"),
                Optional.empty(), Optional.empty()));
        StatusUpdate update = compute(healthy.status(), pair(troubled, passive("c-1", HASH)), T1);

        Condition snapshots = condition(update, ConditionTypes.SNAPSHOTS_CURRENT);
        assertThat(snapshots.getStatus()).isEqualTo("False");
        assertThat(snapshots.getReason()).isEqualTo("SnapshotsFailing");
        assertThat(snapshots.getMessage()).contains("c-0").contains(T0.minusSeconds(20).toString());
        Condition accepting = condition(update, ConditionTypes.ACCEPTING_EVENTS);
        assertThat(accepting.getStatus()).isEqualTo("False");
        assertThat(accepting.getReason()).isEqualTo("StateOutgrowsMemory");
        assertThat(accepting.getMessage()).contains("outgrows");

        // A passive's stale trouble is not the pair's: only the active writes snapshots and takes events.
        StatusUpdate failedOver = compute(update.status(), pair(Pods.withTrouble(passive("c-0", HASH),
                troubled.trouble()), active("c-1", 5, HASH)), T1.plusSeconds(5));
        assertThat(condition(failedOver, ConditionTypes.SNAPSHOTS_CURRENT).getStatus()).isEqualTo("True");
        assertThat(condition(failedOver, ConditionTypes.ACCEPTING_EVENTS).getStatus()).isEqualTo("True");
    }

    @Test
    void aRisingEpochIsAFailoverCountedOnceWithItsTime() {
        SiHaClusterStatus before = compute(null, pair(active("c-0", 1, HASH), passive("c-1", HASH)), T0).status();
        StatusUpdate after = compute(before, pair(Pods.withPhase("c-0", "Failed", HASH), active("c-1", 2, HASH)), T1);
        assertThat(after.failover()).hasValueSatisfying(f -> {
            assertThat(f.from()).isEqualTo("c-0");
            assertThat(f.to()).isEqualTo("c-1");
            assertThat(f.planned()).isFalse();
        });
        assertThat(after.status().getFailoverCount()).isEqualTo(1);
        assertThat(after.status().getLastFailoverTime()).isEqualTo(T1.toString());
        assertThat(after.status().getPhase()).isEqualTo(SiHaClusterPhase.DEGRADED);

        StatusUpdate again = compute(after.status(), pair(Pods.starting("c-0", HASH), active("c-1", 2, HASH)),
                T1.plusSeconds(1));
        assertThat(again.failover()).isEmpty();
        assertThat(again.status().getFailoverCount()).isEqualTo(1);
        assertThat(again.status().getLastFailoverTime()).isEqualTo(T1.toString());
    }

    @Test
    void aTakeoverByTheSamePodAfterAGapStillCounts() {
        SiHaClusterStatus before = compute(null, pair(active("c-0", 1, HASH), passive("c-1", HASH)), T0).status();
        SiHaClusterStatus gap = compute(before, pair(passive("c-0", HASH), passive("c-1", HASH)), T1).status();
        assertThat(gap.getActivePod()).isNull();
        assertThat(gap.getEpoch()).isEqualTo(1L);
        StatusUpdate back = compute(gap, pair(active("c-0", 2, HASH), passive("c-1", HASH)), T1.plusSeconds(1));
        assertThat(back.failover()).isPresent();
        assertThat(back.status().getFailoverCount()).isEqualTo(1);
    }

    @Test
    void aStepDownHandoverIsAPlannedSwitchover() {
        SiHaClusterStatus before = compute(null, pair(active("c-0", 1, "old"), passive("c-1", HASH)), T0).status();
        var former = Pods.asPassive(Pods.steppingDown(active("c-0", 1, "old"), HASH, T0));
        StatusUpdate after = compute(before, pair(former, active("c-1", 2, HASH)), T1);
        assertThat(after.failover()).hasValueSatisfying(f -> assertThat(f.planned()).isTrue());
    }

    @Test
    void aDrainOrSwitchoverTokenLeftFromAnEarlierTermDoesNotMakeACrashAPlannedSwitchover() {
        // c-0 handed over to c-1 in a switchover (epoch 3 -> 4), keeping its token; later c-1 crashes and c-0 takes over.
        var formerWithToken = Pods.steppingDown(passive("c-0", HASH), "switchover-epoch-3", T0);
        SiHaClusterStatus before = compute(null, pair(formerWithToken, active("c-1", 4, HASH)), T0).status();
        StatusUpdate crash = compute(before, pair(Pods.steppingDown(active("c-0", 5, HASH), "switchover-epoch-3", T0),
                Pods.starting("c-1", HASH)), T1);
        assertThat(crash.failover()).hasValueSatisfying(f -> assertThat(f.planned()).isFalse());
        // The token that ended epoch 4 does make it planned.
        StatusUpdate drained = compute(before, pair(active("c-0", 5, HASH),
                Pods.asPassive(Pods.steppingDown(active("c-1", 4, HASH), "drain-epoch-4", T0))), T1);
        assertThat(drained.failover()).hasValueSatisfying(f -> assertThat(f.planned()).isTrue());
    }

    @Test
    void theSwitchoverRecordIsReportedWithItsConditionAndKeptWhenAReconcileHasNoneToGive() {
        var request = new io.siha.operator.pair.SwitchoverRequest("c-1", "");
        var refused = new io.siha.operator.pair.SwitchoverRecord(request,
                io.siha.api.v1alpha1.SwitchoverResult.Refused, "NoPassiveInSync", "c-1 does not run as passive",
                Optional.empty(), java.util.OptionalLong.empty(), T0, T0);
        SiHaClusterStatus first = StatusCalculator.compute(null, new StatusInputs(pair(active("c-0", 1, HASH), null),
                3, List.of(), Optional.empty(), PodMonitorState.NOT_ASKED, Optional.of(refused)), T0).status();
        assertThat(first.getLastSwitchover().getResult()).isEqualTo(io.siha.api.v1alpha1.SwitchoverResult.Refused);
        assertThat(first.getLastSwitchover().getReason()).isEqualTo("NoPassiveInSync");
        assertThat(first.getLastSwitchover().getRequestedAt()).isEqualTo(T0.toString());

        // An invalid spec's reconcile decides no switchover: the record and its condition stay as they were.
        StatusUpdate invalid = StatusCalculator.compute(first, new StatusInputs(pair(active("c-0", 1, HASH), null), 4,
                List.of(new SpecProblem("spec.image", "is required")), Optional.empty()), T1);
        assertThat(LastSwitchover.read(invalid.status().getLastSwitchover())).contains(refused);
        Condition completed = condition(invalid, ConditionTypes.SWITCHOVER_COMPLETED);
        assertThat(completed.getStatus()).isEqualTo("False");
        assertThat(completed.getReason()).isEqualTo("NoPassiveInSync");
        assertThat(completed.getMessage()).isEqualTo("spec.switchover.activePod c-1: c-1 does not run as passive");
        // Never requested: no record, no condition.
        assertThat(compute(null, pair(active("c-0", 1, HASH), null), T0).status().getConditions())
                .extracting(Condition::getType).doesNotContain(ConditionTypes.SWITCHOVER_COMPLETED);
    }

    @Test
    void conditionsKeepTheirTransitionTimeWhileUnchanged() {
        SiHaClusterStatus first = compute(null, pair(active("c-0", 1, HASH), null), T0).status();
        StatusUpdate second = compute(first, pair(active("c-0", 1, HASH), Pods.starting("c-1", HASH)), T1);
        assertThat(condition(second, ConditionTypes.DEGRADED).getLastTransitionTime()).isEqualTo(T0.toString());
        StatusUpdate third = compute(second.status(), pair(active("c-0", 1, HASH), passive("c-1", HASH)), T1);
        assertThat(condition(third, ConditionTypes.DEGRADED).getStatus()).isEqualTo("False");
        assertThat(condition(third, ConditionTypes.DEGRADED).getLastTransitionTime()).isEqualTo(T1.toString());
    }

    @Test
    void specProblemsShowInInvalidSpecAndDegraded() {
        StatusUpdate update = StatusCalculator.compute(null, new StatusInputs(pair(null, null), 2,
                List.of(new SpecProblem("spec.apps.configMapName", "ConfigMap x not found")), Optional.empty()), T0);
        assertThat(update.status().getPhase()).isEqualTo(SiHaClusterPhase.FAILED);
        assertThat(condition(update, ConditionTypes.INVALID_SPEC).getMessage())
                .isEqualTo("spec.apps.configMapName: ConfigMap x not found");
        assertThat(condition(update, ConditionTypes.DEGRADED).getReason()).isEqualTo("InvalidSpec");
    }

    @Test
    void bothNodeContainersRunningIsNodesRunningAndAPodYetToStartIsStarting() {
        assertThat(condition(compute(null, pair(active("c-0", 1, HASH), passive("c-1", HASH)), T0),
                ConditionTypes.NODES_RUNNING)).satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("True");
                    assertThat(c.getReason()).isEqualTo("Running");
                });
        Condition starting = condition(compute(null, pair(active("c-0", 1, HASH), null), T0),
                ConditionTypes.NODES_RUNNING);
        assertThat(starting.getStatus()).isEqualTo("False");
        assertThat(starting.getReason()).isEqualTo("Starting");
        assertThat(starting.getMessage()).isEqualTo("a pod is yet to be created");
        assertThat(condition(compute(null, pair(null, null), T0), ConditionTypes.NODES_RUNNING).getMessage())
                .isEqualTo("2 pods are yet to be created");
        assertThat(condition(compute(null, pair(Pods.starting("c-0", HASH), passive("c-1", HASH)), T0),
                ConditionTypes.NODES_RUNNING).getMessage()).isEqualTo("pod c-0 is starting (Pending)");
    }

    @Test
    void aCrashLoopingNodeIsReportedWithTheLastLinesItWroteAndOneEventPerDistinctFailure() {
        String log = "2026-12-02T06:36:30.452+0000 [main] INFO NodeProcess - starting\n"
                + "invalid Siddhi app: orders.siddhi: Error on 'Orders' @ Line: 2. No extension exist for source:kafka\n";
        String said = "container node exited with code 1: invalid Siddhi app: orders.siddhi: Error on 'Orders'"
                + " @ Line: 2. No extension exist for source:kafka";

        StatusUpdate first = compute(null, pair(Pods.failing(Pods.starting("c-0", HASH), Pods.exited(1, log)),
                Pods.starting("c-1", HASH)), T0);
        Condition nodes = condition(first, ConditionTypes.NODES_RUNNING);
        assertThat(nodes.getStatus()).isEqualTo("False");
        assertThat(nodes.getReason()).isEqualTo("NodeFailing");
        assertThat(nodes.getMessage()).isEqualTo("pod c-0: " + said);
        assertThat(first.newNodeFailures()).containsExactly("pod c-0: " + said);
        assertThat(first.status().getPhase()).as("c-1 may still start").isEqualTo(SiHaClusterPhase.PENDING);

        // The same failure in the next restart is no new Event, though its log differs before the last line.
        String nextRestart = log.replace("06:36:30.452", "06:36:52.017").replace("INFO NodeProcess - starting",
                "WARN NodeProcess - pod not yet labelled passive after 2000 ms; continuing");
        StatusUpdate again = compute(first.status(), pair(Pods.failing(Pods.starting("c-0", HASH),
                Pods.exited(1, nextRestart)), Pods.starting("c-1", HASH)), T1);
        assertThat(again.newNodeFailures()).isEmpty();
        assertThat(condition(again, ConditionTypes.NODES_RUNNING).getMessage()).isEqualTo("pod c-0: " + said
                + " (before it: [main] WARN NodeProcess - pod not yet labelled passive after 2000 ms; continuing)");
        assertThat(condition(again, ConditionTypes.NODES_RUNNING).getLastTransitionTime()).isEqualTo(T0.toString());

        // Both pods failing the same way: said once for both, no Event for what was said, and the pair has Failed.
        StatusUpdate both = compute(again.status(), pair(Pods.failing(Pods.starting("c-0", HASH),
                Pods.exited(1, log)), Pods.failing(Pods.starting("c-1", HASH), Pods.exited(1, log))), T1);
        assertThat(condition(both, ConditionTypes.NODES_RUNNING).getMessage()).isEqualTo("pods c-0, c-1: " + said);
        assertThat(both.newNodeFailures()).isEmpty();
        assertThat(both.status().getPhase()).isEqualTo(SiHaClusterPhase.FAILED);

        // Another failure is another Event; once the containers run the condition says so.
        StatusUpdate other = compute(both.status(), pair(Pods.failing(Pods.starting("c-0", HASH),
                Pods.exited(3, "Terminating due to java.lang.OutOfMemoryError: Java heap space")),
                Pods.starting("c-1", HASH)), T1);
        assertThat(other.newNodeFailures()).containsExactly("pod c-0: container node exited with code 3:"
                + " Terminating due to java.lang.OutOfMemoryError: Java heap space");
        StatusUpdate recovered = compute(other.status(), pair(active("c-0", 1, HASH), passive("c-1", HASH)), T1);
        assertThat(condition(recovered, ConditionTypes.NODES_RUNNING).getStatus()).isEqualTo("True");
        assertThat(recovered.newNodeFailures()).isEmpty();
    }

    @Test
    void aContainerTheKubeletCannotStartIsReportedWithItsReason() {
        var configError = new io.siha.operator.pair.ContainerFailure("node", false, "node:1",
                java.util.OptionalInt.empty(), "CreateContainerConfigError", "secret \"orders-aws\" not found");
        var pullError = new io.siha.operator.pair.ContainerFailure("extensions", true, "ext:9",
                java.util.OptionalInt.empty(), "ErrImagePull", "rpc error: not found");
        StatusUpdate update = compute(null, pair(Pods.failing(Pods.starting("c-0", HASH), configError),
                Pods.failing(Pods.starting("c-1", HASH), pullError)), T0);
        assertThat(condition(update, ConditionTypes.NODES_RUNNING).getMessage()).isEqualTo(
                "pod c-0: container node cannot start (CreateContainerConfigError): secret \"orders-aws\" not found;"
                        + " pod c-1: init container extensions cannot pull its image ext:9; the pod's Events say why");
        assertThat(update.newNodeFailures()).hasSize(2);
    }

    @Test
    void podMonitorReadyIsSetOnlyWhileAskedAndKeptAsItWasWhileTheSpecIsInvalid() {
        PairObservation running = pair(active("c-0", 4, HASH), passive("c-1", HASH));
        StatusUpdate notAsked = compute(null, running, T0);
        assertThat(notAsked.status().getConditions()).extracting(Condition::getType)
                .doesNotContain(ConditionTypes.POD_MONITOR_READY);

        StatusUpdate missing = StatusCalculator.compute(notAsked.status(), new StatusInputs(running, 3, List.of(),
                Optional.empty(), PodMonitorState.CRD_MISSING, Optional.empty()), T0);
        Condition crdMissing = condition(missing, ConditionTypes.POD_MONITOR_READY);
        assertThat(crdMissing.getStatus()).isEqualTo("False");
        assertThat(crdMissing.getReason()).isEqualTo(StatusCalculator.POD_MONITOR_CRD_MISSING);

        StatusUpdate invalid = StatusCalculator.compute(missing.status(), new StatusInputs(running, 4,
                List.of(new SpecProblem("spec.monitoring.podMonitor.interval", "bad")), Optional.empty(),
                PodMonitorState.UNCHANGED, Optional.empty()), T1);
        assertThat(condition(invalid, ConditionTypes.POD_MONITOR_READY)).isEqualTo(crdMissing);

        StatusUpdate written = StatusCalculator.compute(invalid.status(), new StatusInputs(running, 5, List.of(),
                Optional.empty(), PodMonitorState.WRITTEN, Optional.empty()), T1);
        assertThat(condition(written, ConditionTypes.POD_MONITOR_READY).getStatus()).isEqualTo("True");
        assertThat(condition(written, ConditionTypes.POD_MONITOR_READY).getLastTransitionTime())
                .isEqualTo(T1.toString());
    }

    private static StatusUpdate compute(SiHaClusterStatus previous, PairObservation pair, Instant now) {
        return StatusCalculator.compute(previous, new StatusInputs(pair, 3, List.of(), Optional.empty()), now);
    }

    private static Condition condition(StatusUpdate update, String type) {
        return update.status().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow();
    }
}
