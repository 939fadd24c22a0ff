package io.siha.operator.status;

import io.siha.api.v1alpha1.SwitchoverStatus;
import io.siha.operator.pair.SwitchoverRecord;
import io.siha.operator.pair.SwitchoverRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code status.lastSwitchover} to and from the planner's {@link SwitchoverRecord}. */
public final class LastSwitchover {

    private LastSwitchover() {
    }

    /** Empty when none was recorded, or the record is unreadable (then the request counts as new: it is decided anew). */
    public static Optional<SwitchoverRecord> read(SwitchoverStatus status) {
        if (status == null || status.getActivePod() == null || status.getResult() == null) {
            return Optional.empty();
        }
        try {
            Instant requestedAt = Instant.parse(status.getRequestedAt());
            Instant since = status.getLastTransitionTime() == null ? requestedAt
                    : Instant.parse(status.getLastTransitionTime());
            return Optional.of(new SwitchoverRecord(
                    new SwitchoverRequest(status.getActivePod(), orEmpty(status.getRequestId())),
                    status.getResult(), orEmpty(status.getReason()), orEmpty(status.getMessage()),
                    Optional.ofNullable(status.getFromPod()),
                    status.getEpoch() == null ? OptionalLong.empty() : OptionalLong.of(status.getEpoch()),
                    requestedAt, since));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static SwitchoverStatus write(SwitchoverRecord record) {
        SwitchoverStatus status = new SwitchoverStatus();
        status.setActivePod(record.request().activePod());
        status.setRequestId(record.request().requestId().isEmpty() ? null : record.request().requestId());
        status.setFromPod(record.fromPod().orElse(null));
        status.setResult(record.result());
        status.setReason(record.reason());
        status.setMessage(record.message());
        status.setRequestedAt(record.requestedAt().toString());
        status.setLastTransitionTime(record.since().toString());
        status.setEpoch(record.epoch().isPresent() ? record.epoch().getAsLong() : null);
        return status;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
