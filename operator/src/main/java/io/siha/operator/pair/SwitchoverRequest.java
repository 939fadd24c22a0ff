package io.siha.operator.pair;

import io.siha.api.v1alpha1.SwitchoverSpec;

import java.util.Optional;

/**
 * A switchover asked for in {@code spec.switchover}: the pod to make active, and the text that tells one request from
 * the next ({@code ""} when the spec gives none). Two requests are the same request exactly when both are equal.
 */
public record SwitchoverRequest(String activePod, String requestId) {

    public static Optional<SwitchoverRequest> of(SwitchoverSpec spec) {
        if (spec == null || spec.getActivePod() == null) {
            return Optional.empty();
        }
        return Optional.of(new SwitchoverRequest(spec.getActivePod(),
                spec.getRequestId() == null ? "" : spec.getRequestId()));
    }
}
