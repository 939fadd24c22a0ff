package io.siha.kubectl.switchover;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SwitchoverResult;
import io.siha.api.v1alpha1.SwitchoverSpec;
import io.siha.api.v1alpha1.SwitchoverStatus;
import io.siha.kubectl.CommandFailure;
import io.siha.kubectl.cli.Invocation;
import io.siha.kubectl.kube.KubeConnection;
import io.siha.kubectl.kube.PairReader;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubectl siha switchover}: writes the request into {@code spec.switchover} (so it is the same request a Git
 * commit would make), then follows {@code status.lastSwitchover} for that requestId until the operator ends it.
 */
public final class SwitchoverCommand {

    private static final Duration POLL = Duration.ofMillis(250);

    private final KubeConnection kube;
    private final PrintStream out;
    private final Clock clock;

    public SwitchoverCommand(KubeConnection kube, PrintStream out, Clock clock) {
        this.kube = kube;
        this.out = out;
        this.clock = clock;
    }

    /** 0 when the switchover succeeded or was only requested ({@code --no-wait}), 1 otherwise. */
    public int run(Invocation invocation) throws InterruptedException {
        String name = invocation.clusterName();
        PairReader reader = new PairReader(kube);
        SiHaCluster cluster = reader.cluster(name);
        String target = invocation.targetPod().or(() -> Optional.ofNullable(cluster.getStatus())
                        .map(s -> s.getPassivePod()))
                .orElseThrow(() -> new CommandFailure("SiHaCluster " + name + " has no passive pod to switch to"
                        + " (status.passivePod is empty); name one with --to"));
        SwitchoverSpec request = new SwitchoverSpec(target, RequestIds.fresh(clock));
        // A merge patch of the one field: no resourceVersion to race the operator's status writes with.
        kube.client().resources(SiHaCluster.class).inNamespace(kube.namespace()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        Serialization.asJson(Map.of("spec", Map.of("switchover", request))));
        out.println("Switchover of " + name + " to " + target + " requested (spec.switchover.requestId "
                + request.getRequestId() + ").");
        if (!invocation.awaitOutcome()) {
            return 0;
        }
        return awaitOutcome(reader, name, request, invocation.timeout());
    }

    private int awaitOutcome(PairReader reader, String name, SwitchoverSpec request, Duration timeout)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Optional<SwitchoverResult> shown = Optional.empty();
        while (clock.instant().isBefore(deadline)) {
            Optional<SwitchoverStatus> status = Optional.ofNullable(reader.cluster(name).getStatus())
                    .map(s -> s.getLastSwitchover())
                    .filter(s -> request.getRequestId().equals(s.getRequestId())
                            && request.getActivePod().equals(s.getActivePod()));
            if (status.isPresent() && status.get().getResult() != null
                    && !status.map(SwitchoverStatus::getResult).equals(shown)) {
                SwitchoverStatus s = status.get();
                shown = Optional.of(s.getResult());
                out.println(s.getResult() + (s.getReason() == null ? "" : " (" + s.getReason() + ")")
                        + (s.getMessage() == null ? "" : ": " + s.getMessage()));
                switch (s.getResult()) {
                    case Succeeded:
                        return 0;
                    case Refused:
                    case Failed:
                        return 1;
                    default:
                        break;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        out.println("No outcome within " + timeout.toSeconds() + "s" + shown.map(r -> " (last seen: " + r + ")")
                .orElse(" (the operator has not picked the request up)") + "; the request stays in spec.switchover"
                + " and status.lastSwitchover will tell.");
        return 1;
    }
}
