package io.siha.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.siha.api.NodeEndpoints;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.api.v1alpha1.SwitchoverResult;
import io.siha.operator.model.SpecProblem;
import io.siha.operator.pair.NodePodView;
import io.siha.operator.pair.PairObservation;
import io.siha.operator.pair.PairPlanner;
import io.siha.operator.pair.SwitchoverRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Computes the status from the pods' labels, annotations and phase and from the previous status, and nothing else: the
 * nodes decide who is active, the operator only reports it. Pure, so every rule is unit-tested without a server.
 *
 * <p>"PassiveReady" comes from a running pod labelled passive, not from its Ready condition: readiness is true only on
 * the active, so that the Service routes to it alone.
 */
public final class StatusCalculator {

    /** Reason of {@link ConditionTypes#NODES_RUNNING} while a container of a node pod fails. */
    static final String NODE_FAILING = "NodeFailing";
    static final String STATE_FITS = "StateFits";
    /** Reason of {@link ConditionTypes#POD_MONITOR_READY} while the Prometheus Operator's CRDs are not installed. */
    public static final String POD_MONITOR_CRD_MISSING = "PodMonitorCrdMissing";

    private StatusCalculator() {
    }

    public static StatusUpdate compute(SiHaClusterStatus previousOrNull, StatusInputs in, Instant now) {
        SiHaClusterStatus previous = previousOrNull != null ? previousOrNull : new SiHaClusterStatus();
        PairObservation pair = in.pair();
        Optional<NodePodView> active = pair.active();
        Optional<NodePodView> passive = pair.runningPassive()
                .filter(p -> active.isEmpty() || !p.name().equals(active.get().name()));
        Optional<Failover> failover = active.flatMap(a -> detectFailover(previous, pair, a));
        NodeFailures failures = NodeFailures.of(pair);

        SiHaClusterStatus next = new SiHaClusterStatus();
        next.setActivePod(active.map(NodePodView::name).orElse(null));
        next.setPassivePod(passive.map(NodePodView::name).orElse(null));
        // The epoch is the last one seen: it stays while no node is active, so the next takeover is seen as a failover.
        next.setEpoch(active.flatMap(a -> boxed(a.epoch())).orElse(previous.getEpoch()));
        int count = Objects.requireNonNullElse(previous.getFailoverCount(), 0);
        next.setFailoverCount(failover.isPresent() ? count + 1 : count);
        next.setLastFailoverTime(failover.isPresent() ? now.toString() : previous.getLastFailoverTime());
        next.setObservedGeneration(in.generation());
        next.setPhase(phase(in, active.isPresent(), passive.isPresent(), failures));
        Optional<SwitchoverRecord> switchover = in.switchover().or(() -> LastSwitchover.read(
                previous.getLastSwitchover()));
        next.setLastSwitchover(switchover.map(LastSwitchover::write).orElse(null));
        next.setConditions(conditions(previous, in, active, passive, failures, switchover, now));
        return new StatusUpdate(next, failover, failures.newSince(condition(previous, ConditionTypes.NODES_RUNNING)),
                stateNews(condition(previous, ConditionTypes.STATE_COMPATIBLE),
                        condition(next, ConditionTypes.STATE_COMPATIBLE)));
    }

    /** The StateCompatible condition when it newly reports a refused or discarded snapshot: worth an Event. */
    private static Optional<Condition> stateNews(Condition before, Condition now) {
        boolean news = now != null && !STATE_FITS.equals(now.getReason())
                && (before == null || !Objects.equals(before.getMessage(), now.getMessage()));
        return news ? Optional.of(now) : Optional.empty();
    }

    private static Condition condition(SiHaClusterStatus status, String type) {
        return status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static Optional<Failover> detectFailover(SiHaClusterStatus previous, PairObservation pair,
                                                     NodePodView active) {
        Long previousEpoch = previous.getEpoch();
        String previousActive = previous.getActivePod();
        boolean changed;
        if (previousEpoch != null && active.epoch().isPresent()) {
            // The epoch is the fencing token: it rises with every takeover, even when the same pod wins again.
            changed = active.epoch().getAsLong() > previousEpoch;
        } else {
            changed = previousActive != null && !previousActive.equals(active.name());
        }
        if (!changed) {
            return Optional.empty();
        }
        // Planned when the peer carries the step-down request that ended the previous term: the planner keeps that
        // pod until the takeover shows. A drain's or switchover's token left from an earlier term does not count.
        long endedTerm = previousEpoch != null ? previousEpoch : active.epochOrMinusOne() - 1;
        Optional<NodePodView> steppedDown = pair.present().stream()
                .filter(p -> !p.name().equals(active.name()) && p.askedToEndTerm(endedTerm)).findFirst();
        String from = previousActive != null ? previousActive : steppedDown.map(NodePodView::name).orElse(null);
        return Optional.of(new Failover(from, active.name(), active.epoch(), steppedDown.isPresent()));
    }

    /** Failed without an active when the spec is invalid or every pod's container fails: waiting will not help. */
    private static SiHaClusterPhase phase(StatusInputs in, boolean active, boolean passive, NodeFailures failures) {
        if (active) {
            return passive ? SiHaClusterPhase.RUNNING : SiHaClusterPhase.DEGRADED;
        }
        long pods = in.pair().present().stream().filter(p -> !p.deleting()).count();
        boolean everyPodFails = !failures.isEmpty() && failures.podCount() == pods;
        return in.specProblems().isEmpty() && !everyPodFails ? SiHaClusterPhase.PENDING : SiHaClusterPhase.FAILED;
    }

    private static List<Condition> conditions(
            SiHaClusterStatus previous, StatusInputs in, Optional<NodePodView> active, Optional<NodePodView> passive,
            NodeFailures failures, Optional<SwitchoverRecord> switchover, Instant now) {
        ConditionSet conditions = new ConditionSet(previous.getConditions(), in.generation(), now);
        boolean invalid = !in.specProblems().isEmpty();
        String problems = in.specProblems().stream().map(SpecProblem::toString).collect(Collectors.joining("; "));

        if (active.isEmpty()) {
            conditions.set(ConditionTypes.READY, false, "NoActive", "no pod is labelled active");
        } else if (!active.get().ready()) {
            conditions.set(ConditionTypes.READY, false, "ActiveNotReady",
                    "pod " + active.get().name() + " is active but not Ready yet");
        } else {
            conditions.set(ConditionTypes.READY, true, "ActiveReady",
                    "pod " + active.get().name() + " is active and Ready");
        }

        conditions.set(ConditionTypes.PASSIVE_READY, passive.isPresent(),
                passive.isPresent() ? "PassiveRunning" : "NoPassive",
                passive.map(p -> "pod " + p.name() + " runs as passive").orElse("no pod runs as passive"));

        if (invalid) {
            conditions.set(ConditionTypes.DEGRADED, true, "InvalidSpec", problems);
        } else if (active.isEmpty() && previous.getEpoch() != null) {
            conditions.set(ConditionTypes.DEGRADED, true, "NoActive", "no pod is active: events are not accepted");
        } else if (active.isEmpty()) {
            conditions.set(ConditionTypes.DEGRADED, false, "Starting", "waiting for the first node to become active");
        } else if (passive.isEmpty()) {
            conditions.set(ConditionTypes.DEGRADED, true, "NoPassive",
                    "no passive node: a failure of " + active.get().name() + " would stop processing");
        } else if (in.rollout().isPresent()) {
            conditions.set(ConditionTypes.DEGRADED, false,
                    in.rollout().get().startsWith(PairPlanner.DRAIN_STEP) ? "NodeDrain" : "RollingUpdate",
                    in.rollout().get());
        } else {
            conditions.set(ConditionTypes.DEGRADED, false, "AsExpected", "one active and one passive node");
        }

        troubleOfTheActive(conditions, active);
        stateCompatible(conditions, in.pair());
        nodesRunning(conditions, in.pair(), failures);
        podMonitor(conditions, in.podMonitor());
        switchover.ifPresent(s -> conditions.set(ConditionTypes.SWITCHOVER_COMPLETED,
                s.result() == SwitchoverResult.Succeeded, s.reason(),
                "spec.switchover.activePod " + s.request().activePod() + ": " + s.message()));
        conditions.set(ConditionTypes.INVALID_SPEC, invalid, invalid ? "InvalidSpec" : "SpecValid",
                invalid ? problems : "the spec and the objects it refers to are valid");
        return conditions.build();
    }

    /**
     * Whether the persisted state fits the apps, as the nodes' last takeovers found: False while a node refuses the
     * latest snapshot (a rollout waits for it), True with reason StateDiscarded after a node started apps empty.
     */
    private static void stateCompatible(ConditionSet conditions, PairObservation pair) {
        List<String> refused = new ArrayList<>();
        List<String> discarded = new ArrayList<>();
        for (NodePodView pod : pair.present()) {
            pod.trouble().incompatibleState().ifPresent(why -> refused.add("pod " + pod.name() + ": " + why));
            pod.trouble().discardedState().ifPresent(what -> discarded.add("pod " + pod.name() + ": " + what));
        }
        if (!refused.isEmpty()) {
            conditions.set(ConditionTypes.STATE_COMPATIBLE, false, "IncompatibleState", String.join("; ", refused));
        } else if (!discarded.isEmpty()) {
            conditions.set(ConditionTypes.STATE_COMPATIBLE, true, "StateDiscarded", String.join("; ", discarded));
        } else {
            conditions.set(ConditionTypes.STATE_COMPATIBLE, true, STATE_FITS,
                    "no takeover found the persisted state unfit for the apps");
        }
    }

    private static void nodesRunning(ConditionSet conditions, PairObservation pair, NodeFailures failures) {
        if (!failures.isEmpty()) {
            conditions.set(ConditionTypes.NODES_RUNNING, false, NODE_FAILING, failures.message());
            return;
        }
        List<String> waiting = new ArrayList<>();
        long missing = pair.slots().stream().filter(Optional::isEmpty).count();
        if (missing > 0) {
            waiting.add(missing == 1 ? "a pod is yet to be created" : missing + " pods are yet to be created");
        }
        for (NodePodView pod : pair.present()) {
            if (pod.deleting()) {
                waiting.add("pod " + pod.name() + " is being deleted");
            } else if (!pod.containers().nodeRunning()) {
                waiting.add("pod " + pod.name() + " is starting (" + pod.phase() + ")");
            }
        }
        conditions.set(ConditionTypes.NODES_RUNNING, waiting.isEmpty(), waiting.isEmpty() ? "Running" : "Starting",
                waiting.isEmpty() ? "the node containers of both pods run" : String.join("; ", waiting));
    }

    private static void podMonitor(ConditionSet conditions, PodMonitorState state) {
        switch (state) {
            case NOT_ASKED -> { }
            case WRITTEN -> conditions.set(ConditionTypes.POD_MONITOR_READY, true, "PodMonitorWritten",
                    "the PodMonitor selects both node pods and scrapes their REST port's " + NodeEndpoints.METRICS);
            case CRD_MISSING -> conditions.set(ConditionTypes.POD_MONITOR_READY, false, POD_MONITOR_CRD_MISSING,
                    "spec.monitoring.podMonitor asks for a PodMonitor, but the API server does not serve"
                            + " monitoring.coreos.com/v1 podmonitors, so none was created: install the Prometheus"
                            + " Operator's CRDs (the operator looks again at least every 5 minutes), or unset"
                            + " spec.monitoring.podMonitor. The pair runs either way.");
            case UNCHANGED -> conditions.keep(ConditionTypes.POD_MONITOR_READY);
        }
    }

    /** What the active's node reports on its pod; without an active there is nothing to write or refuse. */
    private static void troubleOfTheActive(ConditionSet conditions, Optional<NodePodView> active) {
        if (active.isEmpty()) {
            conditions.set(ConditionTypes.SNAPSHOTS_CURRENT, false, "NoActive", "no pod is active");
            conditions.set(ConditionTypes.ACCEPTING_EVENTS, false, "NoActive", "no pod is active");
            return;
        }
        String pod = active.get().name();
        NodePodView.Trouble trouble = active.get().trouble();
        conditions.set(ConditionTypes.SNAPSHOTS_CURRENT, trouble.snapshotsFailingSince().isEmpty(),
                trouble.snapshotsFailingSince().isPresent() ? "SnapshotsFailing" : "SnapshotsWritten",
                trouble.snapshotsFailingSince().map(since -> "pod " + pod + ": snapshots failing since " + since
                        + "; the passive's queue fills and acknowledgements stall once it is full; see the pod's log")
                        .orElse("pod " + pod + " writes its snapshots"));
        conditions.set(ConditionTypes.ACCEPTING_EVENTS, trouble.refusingEvents().isEmpty(),
                trouble.refusingEvents().isPresent() ? "StateOutgrowsMemory" : "AcceptingEvents",
                trouble.refusingEvents().map(why -> "pod " + pod + " refuses new events: " + why)
                        .orElse("pod " + pod + " takes new events"));
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }
}
