package io.siha.operator.pair;

import io.siha.operator.pair.PodAction.CreatePod;
import io.siha.operator.pair.PodAction.DeletePod;
import io.siha.operator.pair.PodAction.RelabelPassive;
import io.siha.operator.pair.PodAction.RequestStepDown;
import io.siha.operator.pair.PodAction.Wait;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides the next steps for the two pods from what is on them now, in this order: end a double active, replace
 * missing and failed pods, roll outdated pods one at a time, then hand the active over before a drain takes its pod.
 * It keeps no state: the rollout's progress is read from the pods (template hash, role, step-down annotation), so the
 * same decision comes out after an operator restart. A switchover requested in the spec is decided apart
 * ({@link SwitchoverPlanner}), once nothing of the above is under way.
 *
 * <p>The rollout never stops the node that accepts events before the other node runs as passive: passive first, then
 * a planned step-down of the active (the node persists, hands over and releases the lease), then the former active.
 *
 * <p>Drains, as CloudNativePG handles its primary: when the active's Node is cordoned or tainted for a drain, or the
 * active pod is marked for eviction, the active is asked to hand over to a passive that runs on a Node that stays.
 * Until it has, the PodDisruptionBudget (over the pod labelled active) refuses its eviction and the drain retries;
 * once it has, the former active is labelled passive, falls out of the budget and its eviction succeeds.
 */
public final class PairPlanner {

    private final Duration stepDownTimeout;

    /** How the steps of a drain's handover begin, in the logs, Events and the Degraded condition. */
    public static final String DRAIN_STEP = "drain: ";

    /**
     * @param stepDownTimeout how long the active may take to hand over before its pod is deleted anyway; deletion sends
     *                        SIGTERM, on which the node makes the same planned handover, so this only bounds a node
     *                        that ignores the annotation
     */

    public PairPlanner(Duration stepDownTimeout) {
        this.stepDownTimeout = stepDownTimeout;
    }

    public List<PodAction> plan(PairObservation pair, String desiredHash, Instant now) {
        List<NodePodView> active = pair.labelledActive();
        if (active.size() > 1) {
            return List.of(demoteOlder(active));
        }
        List<PodAction> repairs = repairs(pair);
        if (!repairs.isEmpty()) {
            return repairs;
        }
        List<PodAction> roll = roll(pair, desiredHash, now);
        if (!roll.isEmpty()) {
            return roll;
        }
        return handOverBeforeDisruption(pair, now);
    }

    /**
     * The active is about to be moved off its node: hand over to the passive first. Only to a passive on a node that
     * stays (CloudNativePG skips candidates on unschedulable nodes too): one being drained as well would only be
     * evicted next, and no handover at all keeps the active's eviction refused until a passive runs elsewhere.
     */
    private List<PodAction> handOverBeforeDisruption(PairObservation pair, Instant now) {
        Optional<NodePodView> active = pair.active();
        if (active.isEmpty() || active.get().disruption().isEmpty()) {
            return List.of();
        }
        String why = DRAIN_STEP + active.get().disruption().get();
        Optional<NodePodView> peer = pair.other(active.get());
        if (peer.isEmpty() || !peer.get().runsAsPassive()) {
            return List.of(new Wait(why + "; waiting for " + peer.map(NodePodView::name).orElse("the other pod")
                    + " to run as passive before " + active.get().name() + " hands over"));
        }
        if (peer.get().disruption().isPresent()) {
            return List.of(new Wait(why + "; not handing over to " + peer.get().name() + ": "
                    + peer.get().disruption().get()));
        }
        if (peer.get().trouble().incompatibleState().isPresent()) {
            // It would refuse the takeover as it refused the last one, and the old active would take the lease back.
            return List.of(new Wait(why + "; not handing over to " + peer.get().name() + ": it refused the latest"
                    + " snapshot (condition StateCompatible); the PodDisruptionBudget refuses the eviction of "
                    + active.get().name() + " until the apps or spec.persistence.onIncompatibleState change"));
        }
        return List.of(stepDown(active.get(), peer.get(), StepDownTokens.drain(active.get()), why, now));
    }

    private static PodAction demoteOlder(List<NodePodView> active) {
        // Equal epochs cannot both hold the lease; then keep the one the Service can use (Ready), else the first.
        NodePodView older = active.stream()
                .min(Comparator.comparingLong(NodePodView::epochOrMinusOne)
                        .thenComparing(NodePodView::ready)
                        .thenComparing(NodePodView::name, Comparator.reverseOrder()))
                .orElseThrow();
        NodePodView newer = active.stream().filter(p -> p != older).findFirst().orElseThrow();
        return new RelabelPassive(older.name(), "pods " + older.name() + " (epoch " + older.epochText() + ") and "
                + newer.name() + " (epoch " + newer.epochText() + ") were both labelled active");
    }

    private static List<PodAction> repairs(PairObservation pair) {
        List<PodAction> actions = new ArrayList<>();
        for (int i = 0; i < pair.slots().size(); i++) {
            Optional<NodePodView> pod = pair.slots().get(i);
            if (pod.isEmpty()) {
                actions.add(new CreatePod(i, "pod missing"));
            } else if (pod.get().failed()) {
                actions.add(new DeletePod(pod.get().name(), "pod " + pod.get().phase()));
            }
        }
        if (actions.isEmpty()) {
            pair.present().stream().filter(NodePodView::deleting).findFirst()
                    .ifPresent(p -> actions.add(new Wait("pod " + p.name() + " is terminating")));
        }
        return actions;
    }

    private List<PodAction> roll(PairObservation pair, String desiredHash, Instant now) {
        List<NodePodView> outdated = pair.present().stream().filter(p -> !p.hasTemplate(desiredHash)).toList();
        if (outdated.isEmpty()) {
            return List.of();
        }
        Optional<NodePodView> active = pair.active();
        Optional<NodePodView> handingOver = pair.present().stream()
                .filter(p -> p.stepDownToken().filter(desiredHash::equals).isPresent() && !p.labelledActive())
                .findFirst();
        if (active.isEmpty() && handingOver.isPresent()) {
            // The active has released the lease and the peer has not labelled itself active yet: keep the former
            // active until the takeover shows, so that it can still take the lease back if the takeover fails.
            return List.of(new Wait("rolling update: waiting for the peer of " + handingOver.get().name()
                    + " to take over"));
        }
        if (active.isEmpty()) {
            return List.of(rollWithoutActive(outdated));
        }
        Optional<NodePodView> outdatedStandby = outdated.stream().filter(p -> !p.labelledActive()).findFirst();
        if (outdatedStandby.isPresent()) {
            return List.of(new DeletePod(outdatedStandby.get().name(), "rolling update: passive first"));
        }
        Optional<NodePodView> peer = pair.other(active.get());
        if (peer.isEmpty() || !peer.get().runsAsPassive()) {
            return List.of(new Wait("rolling update: waiting for " + peer.map(NodePodView::name).orElse("the new pod")
                    + " to run as passive before " + active.get().name() + " steps down"));
        }
        if (peer.get().trouble().incompatibleState().isPresent()) {
            return List.of(new Wait(rolloutHalted(active.get(), peer.get())));
        }
        return List.of(stepDown(active.get(), peer.get(), desiredHash, "rolling update", now));
    }

    /**
     * The new pod refused the latest snapshot. Handing over again would only be refused again, and deleting the active
     * would leave no node that can serve the state: the old version stays active until the apps or
     * spec.persistence.onIncompatibleState change, which makes a new desired template. A drain of the active's node
     * waits as long (its PodDisruptionBudget keeps refusing the eviction), and says so, since that is what blocks it.
     */
    private static String rolloutHalted(NodePodView active, NodePodView peer) {
        String halted = "rolling update halted: " + peer.name() + " refused the latest snapshot, so " + active.name()
                + " stays active (condition StateCompatible)";
        return active.disruption()
                .map(d -> DRAIN_STEP + d + "; " + halted + "; the PodDisruptionBudget refuses the eviction of "
                        + active.name() + " until the apps or spec.persistence.onIncompatibleState change")
                .orElse(halted);
    }

    /**
     * No node accepts events, so none can lose any: replace a pod that is not even running first (a broken image or
     * database URL is often what the new spec fixes), otherwise one passive at a time, never both at once.
     */
    private static PodAction rollWithoutActive(List<NodePodView> outdated) {
        NodePodView first = outdated.stream().filter(p -> !p.runsAsPassive()).findFirst().orElse(outdated.get(0));
        return new DeletePod(first.name(), "rolling update: no active node");
    }

    /**
     * Asks {@code active} once to hand over to {@code peer} (which runs as passive), then waits; after the step-down
     * timeout the pod is deleted, whose SIGTERM makes the node hand over the same way.
     */
    private PodAction stepDown(NodePodView active, NodePodView peer, String token, String why, Instant now) {
        if (active.stepDownToken().filter(token::equals).isEmpty()) {
            return new RequestStepDown(active.name(), token, why + ": asked active pod " + active.name()
                    + " to hand over to " + peer.name());
        }
        Instant requestedAt = active.stepDownRequestedAt().orElse(now);
        if (Duration.between(requestedAt, now).compareTo(stepDownTimeout) >= 0) {
            return new DeletePod(active.name(), why + ": " + active.name() + " did not step down within "
                    + stepDownTimeout.toSeconds() + " s; deleting it (SIGTERM also hands over)");
        }
        return new Wait(why + ": waiting for " + active.name() + " to hand over to " + peer.name());
    }
}
