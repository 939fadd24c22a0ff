package io.siha.operator.pair;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Pod views for planner and status tests, written the way one describes them: "orders-0 active, epoch 3, ready". */
public final class Pods {

    public static final String HASH = "new";
    public static final String OLD = "old";
    /** Why {@link #refusingState} pods refused the snapshot. */
    public static final String REFUSAL = "app 'Counter': table Totals was (a), is (a, b)";

    private Pods() {
    }

    public static NodePodView active(String name, long epoch, String hash) {
        return view(name, "Running", "active", OptionalLong.of(epoch), true, hash, null, null);
    }

    public static NodePodView passive(String name, String hash) {
        return view(name, "Running", "passive", OptionalLong.empty(), false, hash, null, null);
    }

    public static NodePodView starting(String name, String hash) {
        return view(name, "Pending", null, OptionalLong.empty(), false, hash, null, null);
    }

    public static NodePodView withPhase(String name, String phase, String hash) {
        return view(name, phase, null, OptionalLong.empty(), false, hash, null, null);
    }

    public static NodePodView steppingDown(NodePodView pod, String token, Instant requestedAt) {
        return new NodePodView(pod.name(), pod.phase(), pod.deleting(), pod.role(), pod.epoch(), pod.ready(),
                pod.templateHash(), Optional.of(token), Optional.of(requestedAt), pod.trouble(), pod.containers(),
                pod.disruption());
    }

    public static NodePodView asPassive(NodePodView pod) {
        return new NodePodView(pod.name(), pod.phase(), pod.deleting(), Optional.of("passive"), pod.epoch(), false,
                pod.templateHash(), pod.stepDownToken(), pod.stepDownRequestedAt(), pod.trouble(), pod.containers(),
                pod.disruption());
    }

    public static NodePodView deleting(NodePodView pod) {
        return new NodePodView(pod.name(), pod.phase(), true, pod.role(), pod.epoch(), pod.ready(),
                pod.templateHash(), pod.stepDownToken(), pod.stepDownRequestedAt());
    }

    public static NodePodView withTrouble(NodePodView pod, NodePodView.Trouble trouble) {
        return new NodePodView(pod.name(), pod.phase(), pod.deleting(), pod.role(), pod.epoch(), pod.ready(),
                pod.templateHash(), pod.stepDownToken(), pod.stepDownRequestedAt(), trouble);
    }

    /** The pod, whose node refused the latest snapshot on its last takeover: its apps changed so that it no longer fits. */
    public static NodePodView refusingState(NodePodView pod) {
        return withTrouble(pod, new NodePodView.Trouble(Optional.empty(), Optional.empty(),
                Optional.of(REFUSAL), Optional.empty()));
    }

    /** The pod with a container the kubelet reports failing; the node container is not running. */
    public static NodePodView failing(NodePodView pod, ContainerFailure failure) {
        return new NodePodView(pod.name(), pod.phase(), pod.deleting(), pod.role(), pod.epoch(), false,
                pod.templateHash(), pod.stepDownToken(), pod.stepDownRequestedAt(), pod.trouble(),
                new PodContainers(false, Optional.of(failure)));
    }

    /** The pod, about to be moved off its node for {@code why} (a cordon, a drain taint, an eviction). */
    public static NodePodView disrupted(NodePodView pod, String why) {
        return new NodePodView(pod.name(), pod.phase(), pod.deleting(), pod.role(), pod.epoch(), pod.ready(),
                pod.templateHash(), pod.stepDownToken(), pod.stepDownRequestedAt(), pod.trouble(), pod.containers(),
                Optional.of(why));
    }

    /** The node container exited with {@code exitCode}, having written {@code message} last. */
    public static ContainerFailure exited(int exitCode, String message) {
        return new ContainerFailure("node", false, "node:1", OptionalInt.of(exitCode), "Error", message);
    }

    public static PairObservation pair(NodePodView... pods) {
        return new PairObservation(Arrays.stream(pods).map(Optional::ofNullable).toList());
    }

    public static PairObservation pair(List<Optional<NodePodView>> slots) {
        return new PairObservation(slots);
    }

    private static NodePodView view(String name, String phase, String role, OptionalLong epoch, boolean ready,
                                    String hash, String token, Instant requestedAt) {
        return new NodePodView(name, phase, false, Optional.ofNullable(role), epoch, ready, Optional.ofNullable(hash),
                Optional.ofNullable(token), Optional.ofNullable(requestedAt));
    }
}
