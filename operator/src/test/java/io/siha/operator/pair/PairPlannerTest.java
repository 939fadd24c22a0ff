package io.siha.operator.pair;

import io.siha.operator.pair.PodAction.CreatePod;
import io.siha.operator.pair.PodAction.DeletePod;
import io.siha.operator.pair.PodAction.RelabelPassive;
import io.siha.operator.pair.PodAction.RequestStepDown;
import io.siha.operator.pair.PodAction.Wait;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.siha.operator.pair.Pods.HASH;
import static io.siha.operator.pair.Pods.OLD;
import static io.siha.operator.pair.Pods.active;
import static io.siha.operator.pair.Pods.pair;
import static io.siha.operator.pair.Pods.passive;
import static org.assertj.core.api.Assertions.assertThat;

class PairPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final PairPlanner planner = new PairPlanner(Duration.ofSeconds(60));

    @Test
    void anUpToDatePairNeedsNothing() {
        assertThat(planner.plan(pair(active("c-0", 1, HASH), passive("c-1", HASH)), HASH, NOW)).isEmpty();
    }

    @Test
    void missingPodsAreCreated() {
        assertThat(planner.plan(pair(null, null), HASH, NOW))
                .containsExactly(new CreatePod(0, "pod missing"), new CreatePod(1, "pod missing"));
        assertThat(planner.plan(pair(active("c-0", 1, HASH), null), HASH, NOW))
                .containsExactly(new CreatePod(1, "pod missing"));
    }

    @Test
    void aFailedPodIsDeletedSoItIsCreatedAgain() {
        assertThat(planner.plan(pair(active("c-0", 1, HASH), Pods.withPhase("c-1", "Failed", HASH)), HASH, NOW))
                .containsExactly(new DeletePod("c-1", "pod Failed"));
    }

    @Test
    void twoActivesDemoteTheOlderEpoch() {
        List<PodAction> plan = planner.plan(pair(active("c-0", 7, HASH), active("c-1", 6, HASH)), HASH, NOW);
        assertThat(plan).singleElement().isInstanceOfSatisfying(RelabelPassive.class,
                r -> assertThat(r.name()).isEqualTo("c-1"));
        // Unknown epoch counts as oldest.
        assertThat(planner.plan(pair(Pods.steppingDown(active("c-0", 1, HASH), "x", NOW),
                new NodePodView("c-1", "Running", false, java.util.Optional.of("active"),
                        java.util.OptionalLong.empty(), true, java.util.Optional.of(HASH),
                        java.util.Optional.empty(), java.util.Optional.empty())), HASH, NOW))
                .singleElement().isInstanceOfSatisfying(RelabelPassive.class,
                        r -> assertThat(r.name()).isEqualTo("c-1"));
    }

    @Test
    void aRolloutReplacesThePassiveFirst() {
        assertThat(planner.plan(pair(active("c-0", 1, OLD), passive("c-1", OLD)), HASH, NOW))
                .containsExactly(new DeletePod("c-1", "rolling update: passive first"));
    }

    @Test
    void theActiveIsAskedToStepDownOnlyOnceTheNewPodRunsAsPassive() {
        assertThat(planner.plan(pair(active("c-0", 1, OLD), Pods.starting("c-1", HASH)), HASH, NOW))
                .singleElement().isInstanceOf(Wait.class);
        assertThat(planner.plan(pair(active("c-0", 1, OLD), passive("c-1", HASH)), HASH, NOW))
                .singleElement().isInstanceOfSatisfying(RequestStepDown.class, r -> {
                    assertThat(r.name()).isEqualTo("c-0");
                    assertThat(r.token()).isEqualTo(HASH);
                    assertThat(r.reason()).startsWith("rolling update");
                });
        // A new node that labelled its pod passive and then stopped on its apps cannot take over: no step-down.
        NodePodView crashLooping = Pods.failing(passive("c-1", HASH), Pods.exited(1, "invalid Siddhi app: ..."));
        assertThat(planner.plan(pair(active("c-0", 1, OLD), crashLooping), HASH, NOW))
                .singleElement().isInstanceOf(Wait.class);
    }

    @Test
    void afterTheStepDownRequestTheOperatorWaitsForTheHandoverThenReplacesTheFormerActive() {
        NodePodView asked = Pods.steppingDown(active("c-0", 1, OLD), HASH, NOW);
        assertThat(planner.plan(pair(asked, passive("c-1", HASH)), HASH, NOW.plusSeconds(5)))
                .singleElement().isInstanceOf(Wait.class);
        // Released the lease, the peer has not labelled itself yet: keep the former active.
        assertThat(planner.plan(pair(Pods.asPassive(asked), passive("c-1", HASH)), HASH, NOW.plusSeconds(5)))
                .singleElement().isInstanceOf(Wait.class);
        // Handed over: the former active is now passive and outdated.
        assertThat(planner.plan(pair(Pods.asPassive(asked), active("c-1", 2, HASH)), HASH, NOW.plusSeconds(5)))
                .containsExactly(new DeletePod("c-0", "rolling update: passive first"));
    }

    @Test
    void anActiveThatIgnoresTheStepDownIsDeletedAfterTheTimeout() {
        NodePodView asked = Pods.steppingDown(active("c-0", 1, OLD), HASH, NOW);
        assertThat(planner.plan(pair(asked, passive("c-1", HASH)), HASH, NOW.plusSeconds(61)))
                .singleElement().isInstanceOfSatisfying(DeletePod.class,
                        d -> assertThat(d.name()).isEqualTo("c-0"));
    }

    @Test
    void aNewPodThatRefusedTheSnapshotHaltsTheRolloutWithTheOldVersionActiveEvenPastTheTimeout() {
        NodePodView asked = Pods.steppingDown(active("c-0", 3, OLD), HASH, NOW);
        NodePodView refusing = Pods.refusingState(passive("c-1", HASH));

        // The old node took the lease back after the refusal: neither a new step-down nor a deletion.
        assertThat(planner.plan(pair(asked, refusing), HASH, NOW.plusSeconds(600))).singleElement()
                .isInstanceOfSatisfying(Wait.class, wait -> assertThat(wait.reason())
                        .contains("halted").contains("c-1 refused the latest snapshot").contains("c-0 stays active"));
        assertThat(planner.plan(pair(active("c-0", 3, OLD), refusing), HASH, NOW)).singleElement()
                .isInstanceOf(Wait.class);
    }

    @Test
    void withoutAnActiveOutdatedPodsAreReplacedOneAtATimeBrokenOnesFirst() {
        assertThat(planner.plan(pair(passive("c-0", OLD), Pods.starting("c-1", OLD)), HASH, NOW))
                .containsExactly(new DeletePod("c-1", "rolling update: no active node"));
    }

    @Test
    void aTerminatingPodIsWaitedFor() {
        assertThat(planner.plan(pair(active("c-0", 1, HASH), Pods.deleting(passive("c-1", OLD))), HASH, NOW))
                .singleElement().isInstanceOf(Wait.class);
    }

    // --- drains --------------------------------------------------------------------------------------------------

    @Test
    void anActiveOnADrainedNodeIsAskedToHandOverToThePassive() {
        NodePodView onCordonedNode = Pods.disrupted(active("c-0", 4, HASH), "node n1 is cordoned");
        assertThat(planner.plan(pair(onCordonedNode, passive("c-1", HASH)), HASH, NOW))
                .singleElement().isInstanceOfSatisfying(RequestStepDown.class, r -> {
                    assertThat(r.name()).isEqualTo("c-0");
                    assertThat(r.token()).isEqualTo("drain-epoch-4");
                    assertThat(r.reason()).isEqualTo("drain: node n1 is cordoned: asked active pod c-0 to hand over"
                            + " to c-1");
                });
    }

    @Test
    void aDrainWaitsForTheHandoverAndDeletesAnActiveThatIgnoresItAfterTheTimeout() {
        NodePodView asked = Pods.steppingDown(Pods.disrupted(active("c-0", 4, HASH), "node n1 is cordoned"),
                "drain-epoch-4", NOW);
        assertThat(planner.plan(pair(asked, passive("c-1", HASH)), HASH, NOW.plusSeconds(5)))
                .singleElement().isInstanceOfSatisfying(Wait.class, w -> assertThat(w.reason())
                        .isEqualTo("drain: node n1 is cordoned: waiting for c-0 to hand over to c-1"));
        assertThat(planner.plan(pair(asked, passive("c-1", HASH)), HASH, NOW.plusSeconds(61)))
                .singleElement().isInstanceOfSatisfying(DeletePod.class, d -> assertThat(d.name()).isEqualTo("c-0"));
        // Handed over: the former active, passive now, is left to the drain's eviction.
        assertThat(planner.plan(pair(Pods.asPassive(asked), active("c-1", 5, HASH)), HASH, NOW.plusSeconds(5)))
                .isEmpty();
    }

    @Test
    void aPodThatBecomesActiveAgainOnADrainedNodeIsAskedAnewForItsNewTerm() {
        NodePodView again = Pods.steppingDown(Pods.disrupted(active("c-0", 6, HASH), "node n1 is cordoned"),
                "drain-epoch-4", NOW.minusSeconds(600));
        assertThat(planner.plan(pair(again, passive("c-1", HASH)), HASH, NOW))
                .singleElement().isInstanceOfSatisfying(RequestStepDown.class,
                        r -> assertThat(r.token()).isEqualTo("drain-epoch-6"));
    }

    @Test
    void aDrainDoesNotHandOverToNoPassiveOrToOneThatIsBeingMovedToo() {
        NodePodView onCordonedNode = Pods.disrupted(active("c-0", 4, HASH), "node n1 is cordoned");
        assertThat(planner.plan(pair(onCordonedNode, Pods.starting("c-1", HASH)), HASH, NOW))
                .singleElement().isInstanceOfSatisfying(Wait.class, w -> assertThat(w.reason())
                        .contains("waiting for c-1 to run as passive"));
        NodePodView passiveOnDrainedNode = Pods.disrupted(passive("c-1", HASH), "node n2 has the taint"
                + " karpenter.sh/disrupted");
        assertThat(planner.plan(pair(onCordonedNode, passiveOnDrainedNode), HASH, NOW))
                .singleElement().isInstanceOfSatisfying(Wait.class, w -> assertThat(w.reason())
                        .endsWith("not handing over to c-1: node n2 has the taint karpenter.sh/disrupted"));
    }

    @Test
    void aRolloutGoesBeforeADrainSoThatThePairSwitchesOverOnce() {
        NodePodView onCordonedNode = Pods.disrupted(active("c-0", 4, OLD), "node n1 is cordoned");
        assertThat(planner.plan(pair(onCordonedNode, passive("c-1", OLD)), HASH, NOW))
                .containsExactly(new DeletePod("c-1", "rolling update: passive first"));
    }

    // --- drains and refused state ---------------------------------------------------------------------------------

    @Test
    void aDrainDoesNotHandOverToAPassiveThatRefusedTheLatestSnapshot() {
        NodePodView onCordonedNode = Pods.disrupted(active("c-0", 4, HASH), "node n1 is cordoned");
        List<PodAction> plan = planner.plan(pair(onCordonedNode, Pods.refusingState(passive("c-1", HASH))), HASH,
                NOW);
        // It would refuse the takeover again and c-0 would take the lease back; the budget keeps c-0's pod meanwhile.
        assertThat(plan).singleElement().isInstanceOfSatisfying(Wait.class, w -> assertThat(w.reason())
                .startsWith(PairPlanner.DRAIN_STEP + "node n1 is cordoned; not handing over to c-1: it refused the"
                        + " latest snapshot")
                .contains("the PodDisruptionBudget refuses the eviction of c-0"));
    }

    @Test
    void aRolloutHaltedOnRefusedStateHoldsADrainOfTheActiveAndSaysSoUntilTheAppsChangeBack() {
        NodePodView asked = Pods.disrupted(Pods.steppingDown(active("c-0", 3, OLD), HASH, NOW),
                "node n1 is cordoned");
        NodePodView refusing = Pods.refusingState(passive("c-1", HASH));

        // Past the step-down timeout: no new request, no deletion of the only node that can serve the state.
        assertThat(planner.plan(pair(asked, refusing), HASH, NOW.plusSeconds(600))).singleElement()
                .isInstanceOfSatisfying(Wait.class, w -> assertThat(w.reason())
                        .startsWith(PairPlanner.DRAIN_STEP + "node n1 is cordoned; rolling update halted: c-1 refused"
                                + " the latest snapshot, so c-0 stays active")
                        .endsWith("the PodDisruptionBudget refuses the eviction of c-0 until the apps or"
                                + " spec.persistence.onIncompatibleState change"));

        // The apps change back (desired = OLD): the refusing pod is replaced first, and once its successor runs as
        // passive the drain's handover goes ahead, for the active's current term.
        assertThat(planner.plan(pair(asked, refusing), OLD, NOW.plusSeconds(600)))
                .containsExactly(new DeletePod("c-1", "rolling update: passive first"));
        assertThat(planner.plan(pair(asked, passive("c-1", OLD)), OLD, NOW.plusSeconds(620))).singleElement()
                .isInstanceOfSatisfying(RequestStepDown.class, r -> {
                    assertThat(r.name()).isEqualTo("c-0");
                    assertThat(r.token()).isEqualTo("drain-epoch-3");
                });
    }
}
