package io.siha.api.v1alpha1;

/** Where a switchover asked for in {@code spec.switchover} stands. */
public enum SwitchoverResult {
    /** Seen, and waiting for a repair, rolling update or drain of the pair to finish before it is decided. */
    Pending,
    /** Accepted: the active pod was asked to hand over. */
    InProgress,
    /** The named pod took over. */
    Succeeded,
    /** Not carried out, nothing was changed; the reason says why. Not retried. */
    Refused,
    /** Accepted, but the named pod did not take over; the reason says what happened. Not retried. */
    Failed
}
