package io.siha.node.cluster;

import java.time.Instant;

/**
 * The leader lease of a cluster group as the database sees it.
 *
 * @param holder     node id of the holder (the last one, if it has expired)
 * @param epoch      fencing token: incremented every time the lease changes hands
 * @param acquiredAt database time the holder took it
 * @param leaseUntil database time it ends unless renewed
 * @param live       whether it had not ended at the database's {@code now()} of the read
 */
public record Lease(String holder, long epoch, Instant acquiredAt, Instant leaseUntil, boolean live) {
}
