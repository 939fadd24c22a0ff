package io.siha.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.siha.operator.pair.ContainerFailure;
import io.siha.operator.pair.NodePodView;
import io.siha.operator.pair.PairObservation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node pods' failing containers, in words. A failure is what failed and why: the container, its exit code and
 * the last line it wrote ({@code container node exited with code 1: invalid Siddhi app: ...}), stable across the
 * restarts of one crash loop (no restart count, time or pod name in it). It is said once for all pods that show it
 * (both pods run the same apps, so a bad app fails both the same way), followed by the lines written before the last
 * one as context, which may differ from run to run.
 */
final class NodeFailures {

    /** Reasons that add nothing to "exited with code N". */
    private static final Set<String> PLAIN_EXIT_REASONS = Set.of("", "Error", "Completed");

    private record Failing(List<String> pods, String context) {
    }

    private final Map<String, Failing> byFailure = new LinkedHashMap<>();

    private NodeFailures() {
    }

    static NodeFailures of(PairObservation pair) {
        NodeFailures failures = new NodeFailures();
        for (NodePodView pod : pair.present()) {
            pod.failure().ifPresent(failure -> {
                TerminationMessageTail tail = TerminationMessageTail.of(failure.message());
                failures.byFailure.computeIfAbsent(describe(failure, tail),
                        d -> new Failing(new ArrayList<>(), tail.context())).pods().add(pod.name());
            });
        }
        return failures;
    }

    boolean isEmpty() {
        return byFailure.isEmpty();
    }

    /** How many pods fail. */
    int podCount() {
        return byFailure.values().stream().mapToInt(f -> f.pods().size()).sum();
    }

    /** {@code pods a, b: container node exited with code 1: <last line> (before it: ...)}, one part a failure. */
    String message() {
        List<String> parts = new ArrayList<>();
        byFailure.forEach((failure, failing) -> parts.add(part(failure, failing)));
        return String.join("; ", parts);
    }

    /**
     * The parts whose failure the previous condition did not report: each gets one Event. Read from the previous
     * condition's message, so neither a restarted operator nor the next restart of a crash-looping container
     * repeats one.
     */
    List<String> newSince(Condition previous) {
        String reported = previous != null && "False".equals(previous.getStatus())
                && StatusCalculator.NODE_FAILING.equals(previous.getReason()) && previous.getMessage() != null
                ? previous.getMessage() : "";
        List<String> parts = new ArrayList<>();
        byFailure.forEach((failure, failing) -> {
            if (!reported.contains(failure)) {
                parts.add(part(failure, failing));
            }
        });
        return parts;
    }

    private static String part(String failure, Failing failing) {
        return (failing.pods().size() == 1 ? "pod " : "pods ") + String.join(", ", failing.pods()) + ": " + failure
                + (failing.context().isEmpty() ? "" : " (before it: " + failing.context() + ")");
    }

    static String describe(ContainerFailure failure, TerminationMessageTail tail) {
        String container = (failure.init() ? "init container " : "container ") + failure.container();
        if (failure.exitCode().isPresent()) {
            String exit = container + " exited with code " + failure.exitCode().getAsInt()
                    + (PLAIN_EXIT_REASONS.contains(failure.reason()) ? "" : " (" + failure.reason() + ")");
            return tail.isEmpty() ? exit + " without a termination message; its log: kubectl logs POD -c "
                    + failure.container() + " --previous" : exit + ": " + tail.last();
        }
        if (ContainerFailure.IMAGE_PULL.contains(failure.reason())) {
            // ErrImagePull and ImagePullBackOff alternate, with other messages: one description for both.
            return container + " cannot pull its image " + failure.image() + "; the pod's Events say why";
        }
        return container + " cannot start (" + failure.reason() + ")" + (tail.isEmpty() ? "" : ": " + tail.last());
    }
}
