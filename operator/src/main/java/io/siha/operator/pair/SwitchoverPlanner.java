package io.siha.operator.pair;

import io.siha.api.v1alpha1.SwitchoverResult;
import io.siha.operator.pair.PodAction.RequestStepDown;
import io.siha.operator.pair.PodAction.WithdrawStepDown;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides on the switchover {@code spec.switchover} asks for, from the pods and the status' record of the last one:
 * refused with a reason, pending while the pair settles, accepted with one step-down request to the active, then
 * followed to Succeeded or Failed. Keeps no state, as {@link PairPlanner} keeps none.
 */
public final class SwitchoverPlanner {

    private final Duration stepDownTimeout;

    /** @param stepDownTimeout how long an accepted switchover may take before it is reported TimedOut */
    public SwitchoverPlanner(Duration stepDownTimeout) {
        this.stepDownTimeout = stepDownTimeout;
    }

    /**
     * Decides on the switchover {@code spec.switchover} asks for, given the status' record of the last one and the
     * pod steps {@link #plan} chose this time. A request is decided once: refused with a reason when it cannot be
     * honoured (nothing is changed then), or accepted with one step-down request to the active; a finished request
     * is never acted on again, however long it stays in the spec. While a repair, rollout or drain is under way it
     * waits, Pending, and is decided once the pair has settled.
     *
     * @param podNames the pair's pod names, the only ones a request may name
     */
    public SwitchoverStep switchover(PairObservation pair, List<String> podNames, List<PodAction> otherSteps,
                                     Optional<SwitchoverRequest> request, Optional<SwitchoverRecord> last,
                                     Instant now) {
        if (request.isEmpty()) {
            return new SwitchoverStep(last, List.of());
        }
        Optional<SwitchoverRecord> same = last.filter(r -> r.request().equals(request.get()));
        if (same.isPresent() && same.get().finished()) {
            return new SwitchoverStep(same, List.of());
        }
        if (same.isPresent() && same.get().result() == SwitchoverResult.InProgress) {
            return follow(pair, same.get(), now);
        }
        Instant requestedAt = same.map(SwitchoverRecord::requestedAt).orElse(now);
        return decide(pair, podNames, otherSteps, request.get(), same, requestedAt, now);
    }

    private SwitchoverStep decide(PairObservation pair, List<String> podNames, List<PodAction> otherSteps,
                                  SwitchoverRequest request, Optional<SwitchoverRecord> pending, Instant requestedAt,
                                  Instant now) {
        String target = request.activePod();
        if (!podNames.contains(target)) {
            return refused(request, requestedAt, now, "UnknownPod", target + " is not a pod of this pair; name "
                    + String.join(" or ", podNames));
        }
        if (!otherSteps.isEmpty()) {
            String message = "waiting for the pair to settle: " + otherSteps.get(0).reason();
            if (pending.isPresent() && pending.get().message().equals(message)) {
                return new SwitchoverStep(pending, List.of());
            }
            return new SwitchoverStep(Optional.of(new SwitchoverRecord(request, SwitchoverResult.Pending,
                    "WaitingForPair", message, Optional.empty(), OptionalLong.empty(), requestedAt,
                    pending.map(SwitchoverRecord::since).orElse(now))), List.of());
        }
        Optional<NodePodView> active = pair.active();
        if (active.isEmpty()) {
            return refused(request, requestedAt, now, "NoActive", "no pod is active, so none can hand over to "
                    + target);
        }
        if (active.get().name().equals(target)) {
            return refused(request, requestedAt, now, "AlreadyActive", target + " is already active (epoch "
                    + active.get().epochText() + ")");
        }
        Optional<NodePodView> candidate = pair.named(target);
        if (candidate.isEmpty() || !candidate.get().runsAsPassive()) {
            return refused(request, requestedAt, now, "NoPassiveInSync", target + " does not run as passive ("
                    + candidate.map(SwitchoverPlanner::stateText).orElse("the pod does not exist") + "), so "
                    + active.get().name() + " has no one to hand its events to");
        }
        if (candidate.get().trouble().incompatibleState().isPresent()) {
            return refused(request, requestedAt, now, "NoPassiveInSync", target + " refused the latest snapshot ("
                    + candidate.get().trouble().incompatibleState().get() + "), so it cannot take over from "
                    + active.get().name());
        }
        if (candidate.get().disruption().isPresent()) {
            return refused(request, requestedAt, now, "TargetBeingMoved", target + " is about to be moved: "
                    + candidate.get().disruption().get());
        }
        String why = "switchover to " + target + " requested in spec.switchover";
        SwitchoverRecord accepted = new SwitchoverRecord(request, SwitchoverResult.InProgress, "HandingOver",
                "asked " + active.get().name() + " to hand over to " + target, Optional.of(active.get().name()),
                active.get().epoch(), requestedAt, now);
        return new SwitchoverStep(Optional.of(accepted), List.of(new RequestStepDown(active.get().name(),
                StepDownTokens.switchover(active.get().epochOrMinusOne(), request),
                why + ": asked active pod " + active.get().name() + " to hand over")));
    }

    /**
     * An accepted switchover: done once the named pod holds a newer lease; failed if not within the timeout. A timeout
     * is only reported, and the request taken back from the active if it still carries it: a node hands over on
     * request even with no passive connected, so one that has not acted within the timeout did not see the request
     * (its watch of its pod is down) or is stuck. Deleting its pod to force the handover, as a rollout or a drain does
     * with a pod that must go anyway, would restart a node that may be serving fine for a request that asked for no
     * restart; and a handover it made later, after the status said Failed, would contradict the status.
     */
    private SwitchoverStep follow(PairObservation pair, SwitchoverRecord accepted, Instant now) {
        String target = accepted.request().activePod();
        Optional<NodePodView> active = pair.active();
        boolean newer = active.isPresent() && (accepted.epoch().isEmpty()
                || active.get().epochOrMinusOne() > accepted.epoch().getAsLong());
        if (newer && active.get().name().equals(target)) {
            return new SwitchoverStep(Optional.of(accepted.next(SwitchoverResult.Succeeded, "Switched", target
                    + " took over (epoch " + active.get().epochText() + ")", now)), List.of());
        }
        if (newer) {
            return new SwitchoverStep(Optional.of(accepted.next(SwitchoverResult.Failed, "TakeoverFailed",
                    active.get().name() + " is active again (epoch " + active.get().epochText() + "): " + target
                            + " did not take over", now)), List.of());
        }
        if (Duration.between(accepted.since(), now).compareTo(stepDownTimeout) >= 0) {
            String from = accepted.fromPod().orElse("the active");
            SwitchoverRecord timedOut = accepted.next(SwitchoverResult.Failed, "TimedOut", target
                    + " did not take over within " + stepDownTimeout.toSeconds() + " s of the step-down request to "
                    + from, now);
            String token = StepDownTokens.switchover(accepted.epoch().orElse(-1), accepted.request());
            List<PodAction> withdraw = accepted.fromPod().flatMap(pair::named)
                    .filter(p -> p.stepDownToken().filter(token::equals).isPresent())
                    .map(p -> List.<PodAction>of(new WithdrawStepDown(p.name(), token, "switchover to "
                            + target + " timed out: took back the step-down request to " + p.name()
                            + ", which it did not act on")))
                    .orElse(List.of());
            return new SwitchoverStep(Optional.of(timedOut), withdraw);
        }
        return new SwitchoverStep(Optional.of(accepted), List.of());
    }

    private static SwitchoverStep refused(SwitchoverRequest request, Instant requestedAt, Instant now, String reason,
                                          String message) {
        return new SwitchoverStep(Optional.of(new SwitchoverRecord(request, SwitchoverResult.Refused, reason,
                message + "; nothing was changed", Optional.empty(), OptionalLong.empty(), requestedAt, now)),
                List.of());
    }

    private static String stateText(NodePodView pod) {
        if (pod.deleting()) {
            return "it is being deleted";
        }
        if (pod.failure().isPresent()) {
            return "a container fails";
        }
        return "phase " + pod.phase() + ", role " + pod.role().orElse("none");
    }
}
