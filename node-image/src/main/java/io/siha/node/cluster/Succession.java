package io.siha.node.cluster;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Who should win the race for an ended lease. The passive that was receiving the last active's events holds the
 * events acknowledged since the last snapshot; a node that was not (say, the crashed active, restarted by the
 * kubelet within the lease) does not, and if it won it would clear the passive's queue and lose them. So a node
 * not in sync with the last holder's epoch waits {@code unsyncedGrace} past the lease's end before contending.
 *
 * @param syncedEpoch   the epoch of the active this node last received events from (0: none)
 * @param unsyncedGrace how long a node not in sync with the last holder waits past the lease's end
 */
public record Succession(LongSupplier syncedEpoch, Duration unsyncedGrace) {

    /** No preference: whoever asks first after the lease ends wins (the election alone, without event sync). */
    public static final Succession ANY = new Succession(() -> 0, Duration.ZERO);
}
