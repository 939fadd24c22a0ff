package io.siha.operator.pair;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.siha.api.SiHaLabels;
import io.siha.operator.model.OperatorPodAnnotations;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the operator reads from one node pod: the role and epoch the node published, the phase, Ready condition and
 * container states the kubelet wrote, the rollout annotations the operator left, and whether the pod is about to be
 * moved off its node ({@link Disruption}). Everything the status and the planner decide on.
 */
public record NodePodView(String name, String phase, boolean deleting, Optional<String> role, OptionalLong epoch,
                          boolean ready, Optional<String> templateHash, Optional<String> stepDownToken,
                          Optional<Instant> stepDownRequestedAt, Trouble trouble, PodContainers containers,
                          Optional<String> disruption) {

    public static final String RUNNING = "Running";

    /**
     * What the node reports on its pod as going wrong, each absent while all is well.
     *
     * @param snapshotsFailingSince since when its snapshots have been failing (active)
     * @param refusingEvents        why it refuses new events: the apps' state outgrows its memory (active)
     * @param incompatibleState     why its last takeover refused the latest snapshot: its changed apps no longer fit
     *                              it (on a passive, until its next takeover)
     * @param discardedState        what its last takeover started empty for that reason
     */
    public record Trouble(Optional<Instant> snapshotsFailingSince, Optional<String> refusingEvents,
                          Optional<String> incompatibleState, Optional<String> discardedState) {
        public static final Trouble NONE = new Trouble(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A pod whose node reports no trouble. */
    public NodePodView(String name, String phase, boolean deleting, Optional<String> role, OptionalLong epoch,
                       boolean ready, Optional<String> templateHash, Optional<String> stepDownToken,
                       Optional<Instant> stepDownRequestedAt) {
        this(name, phase, deleting, role, epoch, ready, templateHash, stepDownToken, stepDownRequestedAt, Trouble.NONE);
    }

    /** A pod whose node container runs exactly when the pod does, and none fails. */
    public NodePodView(String name, String phase, boolean deleting, Optional<String> role, OptionalLong epoch,
                       boolean ready, Optional<String> templateHash, Optional<String> stepDownToken,
                       Optional<Instant> stepDownRequestedAt, Trouble trouble) {
        this(name, phase, deleting, role, epoch, ready, templateHash, stepDownToken, stepDownRequestedAt, trouble,
                PodContainers.fromPhase(phase));
    }

    /** A pod that may stay on its node. */
    public NodePodView(String name, String phase, boolean deleting, Optional<String> role, OptionalLong epoch,
                       boolean ready, Optional<String> templateHash, Optional<String> stepDownToken,
                       Optional<Instant> stepDownRequestedAt, Trouble trouble, PodContainers containers) {
        this(name, phase, deleting, role, epoch, ready, templateHash, stepDownToken, stepDownRequestedAt, trouble,
                containers, Optional.empty());
    }

    public static NodePodView of(Pod pod) {
        return of(pod, Optional.empty());
    }

    /** The pod, and whether it is about to leave {@code node}, the Node it runs on (see {@link Disruption}). */
    public static NodePodView of(Pod pod, Optional<Node> node) {
        Map<String, String> labels = orEmpty(pod.getMetadata().getLabels());
        Map<String, String> annotations = orEmpty(pod.getMetadata().getAnnotations());
        var status = pod.getStatus();
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new NodePodView(
                pod.getMetadata().getName(),
                status == null || status.getPhase() == null ? "Pending" : status.getPhase(),
                pod.getMetadata().getDeletionTimestamp() != null,
                Optional.ofNullable(labels.get(SiHaLabels.ROLE)),
                parseEpoch(annotations.get(SiHaLabels.EPOCH)),
                ready,
                Optional.ofNullable(annotations.get(OperatorPodAnnotations.TEMPLATE_HASH)),
                Optional.ofNullable(annotations.get(SiHaLabels.STEP_DOWN)),
                parseInstant(annotations.get(OperatorPodAnnotations.STEP_DOWN_REQUESTED_AT)),
                new Trouble(parseInstant(annotations.get(SiHaLabels.SNAPSHOTS_FAILING_SINCE)),
                        Optional.ofNullable(annotations.get(SiHaLabels.REFUSING_EVENTS)),
                        Optional.ofNullable(annotations.get(SiHaLabels.INCOMPATIBLE_STATE)),
                        Optional.ofNullable(annotations.get(SiHaLabels.DISCARDED_STATE))),
                PodContainers.of(status),
                Disruption.of(pod, node));
    }

    /** Labelled active by its node. The label is what the Service selects, so it counts even on a pod in trouble. */
    public boolean labelledActive() {
        return !deleting && role.filter(SiHaLabels.ROLE_ACTIVE::equals).isPresent();
    }

    public boolean running() {
        return RUNNING.equals(phase) && !deleting;
    }

    /**
     * Runs and says it is passive: it receives the synced events and can take over. Not Ready, by design. A node labels
     * its pod passive before it reads its apps, so a node that then fails (a bad app, a missing extension) leaves the
     * label behind: its failing container is what tells it apart, and a rollout never hands over to it.
     */
    public boolean runsAsPassive() {
        return running() && containers.nodeRunning() && failure().isEmpty()
                && role.filter(SiHaLabels.ROLE_PASSIVE::equals).isPresent();
    }

    /** The containers stopped for good (restartPolicy Always never ends in Succeeded unless evicted or killed). */
    public boolean failed() {
        return !deleting && ("Failed".equals(phase) || "Succeeded".equals(phase));
    }

    /** A container of this pod fails (see {@link ContainerFailure}); a pod being deleted is not judged. */
    public Optional<ContainerFailure> failure() {
        return deleting ? Optional.empty() : containers.failure();
    }

    /**
     * Was asked to step down so as to end its term of {@code epoch}: by a drain or switchover token naming that epoch,
     * or by a rollout's token (the pod is replaced after its one handover, so such a token is never stale).
     */
    public boolean askedToEndTerm(long epoch) {
        return stepDownToken.filter(token -> StepDownTokens.termOf(token).orElse(epoch) == epoch).isPresent();
    }

    public boolean hasTemplate(String hash) {
        return templateHash.filter(hash::equals).isPresent();
    }

    public long epochOrMinusOne() {
        return epoch.orElse(-1L);
    }

    /** The epoch for a message: the number, or "unknown" while the pod carries none. */
    String epochText() {
        return epoch.isPresent() ? String.valueOf(epoch.getAsLong()) : "unknown";
    }

    private static OptionalLong parseEpoch(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            // Written by the node; a garbled value is treated as unknown rather than stopping the reconcile.
            return OptionalLong.empty();
        }
    }

    private static Optional<Instant> parseInstant(String value) {
        try {
            return Optional.ofNullable(value).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
