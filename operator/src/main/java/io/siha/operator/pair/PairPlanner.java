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
 * missing and failed pods, then roll outdated pods one at a time. It keeps no state: the rollout's progress is read
 * from the pods (template hash, role, step-down annotation), so the same decision comes out after an operator restart.
 *
 * <p>The rollout never stops the node that accepts events before the other node runs as passive: passive first, then
 * a planned step-down of the active (the node persists, hands over and releases the lease), then the former active.
 */
public final class PairPlanner {

    private final Duration stepDownTimeout;

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
        return roll(pair, desiredHash, now);
    }

    private static PodAction demoteOlder(List<NodePodView> active) {
        // Equal epochs cannot both hold the lease; then keep the one the Service can use (Ready), else the first.
        NodePodView older = active.stream()
                .min(Comparator.comparingLong(NodePodView::epochOrMinusOne)
                        .thenComparing(NodePodView::ready)
                        .thenComparing(NodePodView::name, Comparator.reverseOrder()))
                .orElseThrow();
        NodePodView newer = active.stream().filter(p -> p != older).findFirst().orElseThrow();
        return new RelabelPassive(older.name(), "pods " + older.name() + " (epoch " + epochText(older) + ") and "
                + newer.name() + " (epoch " + epochText(newer) + ") were both labelled active");
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
        return List.of(stepDown(pair, active.get(), desiredHash, now));
    }

    /**
     * No node accepts events, so none can lose any: replace a pod that is not even running first (a broken image or
     * database URL is often what the new spec fixes), otherwise one passive at a time, never both at once.
     */
    private static PodAction rollWithoutActive(List<NodePodView> outdated) {
        NodePodView first = outdated.stream().filter(p -> !p.runsAsPassive()).findFirst().orElse(outdated.get(0));
        return new DeletePod(first.name(), "rolling update: no active node");
    }

    private PodAction stepDown(PairObservation pair, NodePodView active, String desiredHash, Instant now) {
        Optional<NodePodView> peer = pair.other(active);
        if (peer.isEmpty() || !peer.get().runsAsPassive()) {
            return new Wait("rolling update: waiting for " + peer.map(NodePodView::name).orElse("the new pod")
                    + " to run as passive before " + active.name() + " steps down");
        }
        Optional<String> refused = peer.get().trouble().incompatibleState();
        if (refused.isPresent()) {
            // Handing over again would only be refused again, and deleting the active would leave no node that can
            // serve the state: the old version stays active until the apps or spec.persistence.onIncompatibleState
            // change, which makes a new desired template.
            return new Wait("rolling update halted: " + peer.get().name() + " refused the latest snapshot, so "
                    + active.name() + " stays active (condition StateCompatible)");
        }
        if (active.stepDownToken().filter(desiredHash::equals).isEmpty()) {
            return new RequestStepDown(active.name(), desiredHash);
        }
        Instant requestedAt = active.stepDownRequestedAt().orElse(now);
        if (Duration.between(requestedAt, now).compareTo(stepDownTimeout) >= 0) {
            return new DeletePod(active.name(), "rolling update: " + active.name() + " did not step down within "
                    + stepDownTimeout.toSeconds() + " s; deleting it (SIGTERM also hands over)");
        }
        return new Wait("rolling update: waiting for " + active.name() + " to hand over to " + peer.get().name());
    }

    private static String epochText(NodePodView pod) {
        return pod.epoch().isPresent() ? String.valueOf(pod.epoch().getAsLong()) : "unknown";
    }
}
