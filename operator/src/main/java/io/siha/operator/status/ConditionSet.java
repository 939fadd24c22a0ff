package io.siha.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the new list of conditions from the previous one. A condition keeps its {@code lastTransitionTime} while its
 * status stays the same, as Kubernetes conventions ask, so "since when is it Degraded" survives many reconciles.
 */
final class ConditionSet {

    private final Map<String, Condition> previous = new LinkedHashMap<>();
    private final List<Condition> next = new ArrayList<>();
    private final long observedGeneration;
    private final String now;

    ConditionSet(List<Condition> previous, long observedGeneration, Instant now) {
        if (previous != null) {
            previous.forEach(c -> this.previous.put(c.getType(), c));
        }
        this.observedGeneration = observedGeneration;
        this.now = now.toString();
    }

    ConditionSet set(String type, boolean status, String reason, String message) {
        String statusText = status ? "True" : "False";
        Condition before = previous.get(type);
        String since = before != null && statusText.equals(before.getStatus()) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime() : now;
        next.add(new ConditionBuilder().withType(type).withStatus(statusText).withReason(reason).withMessage(message)
                .withObservedGeneration(observedGeneration).withLastTransitionTime(since).build());
        return this;
    }

    /** Carries the previous condition of {@code type} over as it was, when there was one. */
    ConditionSet keep(String type) {
        Condition before = previous.get(type);
        if (before != null) {
            next.add(before);
        }
        return this;
    }

    List<Condition> build() {
        return List.copyOf(next);
    }
}
