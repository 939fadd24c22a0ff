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
 * The node pods' failing containers, in words: for each distinct failure, the pods that show it and what it is (the
 * container, its exit code, the tail of its termination message). Both pods run the same apps, so a bad app or a
 * missing extension usually fails both the same way, and is said once for both.
 */
final class NodeFailures {

    /** Reasons that add nothing to "exited with code N". */
    private static final Set<String> PLAIN_EXIT_REASONS = Set.of("", "Error", "Completed");

    private final Map<String, List<String>> podsByDescription = new LinkedHashMap<>();

    private NodeFailures() {
    }

    static NodeFailures of(PairObservation pair) {
        NodeFailures failures = new NodeFailures();
        for (NodePodView pod : pair.present()) {
            pod.failure().ifPresent(failure -> failures.podsByDescription
                    .computeIfAbsent(describe(failure), d -> new ArrayList<>()).add(pod.name()));
        }
        return failures;
    }

    boolean isEmpty() {
        return podsByDescription.isEmpty();
    }

    /** How many pods fail. */
    int podCount() {
        return podsByDescription.values().stream().mapToInt(List::size).sum();
    }

    /** One part per distinct failure: {@code pods a, b: container node exited with code 1: ...}. */
    List<String> parts() {
        List<String> parts = new ArrayList<>();
        podsByDescription.forEach((description, pods) -> parts.add(part(description, pods)));
        return parts;
    }

    String message() {
        return String.join("; ", parts());
    }

    /**
     * The parts whose failure the previous condition did not report yet: each gets one Event. Read from the previous
     * condition's message, so a restarted operator, or the next restart of a crash-looping container, does not
     * repeat it.
     */
    List<String> newSince(Condition previous) {
        String reported = previous != null && "False".equals(previous.getStatus())
                && StatusCalculator.NODE_FAILING.equals(previous.getReason()) && previous.getMessage() != null
                ? previous.getMessage() : "";
        List<String> parts = new ArrayList<>();
        podsByDescription.forEach((description, pods) -> {
            if (!reported.contains(description)) {
                parts.add(part(description, pods));
            }
        });
        return parts;
    }

    private static String part(String description, List<String> pods) {
        return (pods.size() == 1 ? "pod " : "pods ") + String.join(", ", pods) + ": " + description;
    }

    /** Stable across the restarts of one crash loop: no restart count, no time, no pod name. */
    static String describe(ContainerFailure failure) {
        String container = (failure.init() ? "init container " : "container ") + failure.container();
        if (failure.exitCode().isPresent()) {
            String exit = container + " exited with code " + failure.exitCode().getAsInt()
                    + (PLAIN_EXIT_REASONS.contains(failure.reason()) ? "" : " (" + failure.reason() + ")");
            String tail = TerminationMessageTail.of(failure.message());
            return tail.isEmpty() ? exit + " without a termination message; its log: kubectl logs POD -c "
                    + failure.container() + " --previous" : exit + ": " + tail;
        }
        if (ContainerFailure.IMAGE_PULL.contains(failure.reason())) {
            // ErrImagePull and ImagePullBackOff alternate, with other messages: one description for both.
            return container + " cannot pull its image " + failure.image() + "; the pod's Events say why";
        }
        String message = TerminationMessageTail.of(failure.message());
        return container + " cannot start (" + failure.reason() + ")" + (message.isEmpty() ? "" : ": " + message);
    }
}
