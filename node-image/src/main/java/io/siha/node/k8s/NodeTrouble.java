package io.siha.node.k8s;

import java.time.Instant;
import java.util.Optional;

/**
 * What goes wrong on an active node while it still serves, published on its pod for the operator to report as
 * conditions: snapshots failing for a while (since when), events refused because the apps' state outgrows memory
 * (why). Both absent while all is well, and always on a passive.
 */
public record NodeTrouble(Optional<Instant> snapshotsFailingSince, Optional<String> refusingEvents) {

    public static final NodeTrouble NONE = new NodeTrouble(Optional.empty(), Optional.empty());
}
