package io.siha.node.cluster;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Who should win the race for an ended lease. The passive that was receiving the last active's events holds the
 * events acknowledged since the last snapshot; a node that was not (say, the crashed active, restarted by the
 * kubelet within the lease) does not, and if it won it would clear the passive's queue and lose them. So a node
 * not in sync with the last holder's epoch waits {@code unsyncedGrace} past the lease's end before contending.
 *
 * <p>The node also advertises, in its member row, the last sequence number of the events it holds that no snapshot
 * is known to cover: a node taking over reads it and gives the term back if its own state would lack them.
 *
 * @param syncedEpoch       the epoch whose events this node holds: the active it last received events from, or its
 *                          own term if that term's takeover was abandoned before a snapshot (0: none)
 * @param heldEventsThrough the last sequence number of the events this node holds that no snapshot is known to
 *                          cover (0: none)
 * @param unsyncedGrace     how long a node not in sync with the last holder waits past the lease's end
 */
public record Succession(LongSupplier syncedEpoch, LongSupplier heldEventsThrough, Duration unsyncedGrace) {

    /** No preference: whoever asks first after the lease ends wins (the election alone, without event sync). */
    public static final Succession ANY = new Succession(() -> 0, () -> 0, Duration.ZERO);

    /** The same rule with a longer grace for the node not in sync. */
    Succession withGrace(Duration grace) {
        return new Succession(syncedEpoch, heldEventsThrough, grace);
    }
}
