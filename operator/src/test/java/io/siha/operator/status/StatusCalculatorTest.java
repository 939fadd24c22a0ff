package io.siha.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.operator.model.SpecProblem;
import io.siha.operator.pair.NodePodView;
import io.siha.operator.pair.PairObservation;
import io.siha.operator.pair.Pods;
import org.junit.jupiter.api.Test;

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
    void theActivesReportedTroubleShowsInItsConditionsAndGoesWithIt() {
        StatusUpdate healthy = compute(null, pair(active("c-0", 4, HASH), passive("c-1", HASH)), T0);
        assertThat(condition(healthy, ConditionTypes.SNAPSHOTS_CURRENT).getStatus()).isEqualTo("True");
        assertThat(condition(healthy, ConditionTypes.ACCEPTING_EVENTS).getStatus()).isEqualTo("True");

        NodePodView troubled = Pods.withTrouble(active("c-0", 4, HASH), new NodePodView.Trouble(
                Optional.of(T0.minusSeconds(20)), Optional.of("the apps' state outgrows this node's memory")));
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

    private static StatusUpdate compute(SiHaClusterStatus previous, PairObservation pair, Instant now) {
        return StatusCalculator.compute(previous, new StatusInputs(pair, 3, List.of(), Optional.empty()), now);
    }

    private static Condition condition(StatusUpdate update, String type) {
        return update.status().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow();
    }
}
