package io.siha.operator.pair;

import io.siha.api.v1alpha1.SwitchoverResult;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What became of a {@link SwitchoverRequest}, as kept in {@code status.lastSwitchover}: the operator's memory of it,
 * so that a request left in the spec is carried out once, and one in progress is followed after an operator restart.
 *
 * @param fromPod     the active when the request was accepted
 * @param epoch       that active's lease epoch; the named pod's takeover raises it
 * @param requestedAt when the request was first seen
 * @param since       when {@code result} last changed
 */
public record SwitchoverRecord(SwitchoverRequest request, SwitchoverResult result, String reason, String message,
                               Optional<String> fromPod, OptionalLong epoch, Instant requestedAt, Instant since) {

    /** Succeeded, refused or failed: the request is done with and is not acted on again. */
    public boolean finished() {
        return result == SwitchoverResult.Succeeded || result == SwitchoverResult.Refused
                || result == SwitchoverResult.Failed;
    }

    SwitchoverRecord next(SwitchoverResult nextResult, String nextReason, String nextMessage, Instant now) {
        return new SwitchoverRecord(request, nextResult, nextReason, nextMessage, fromPod, epoch, requestedAt, now);
    }
}
