package io.siha.node.cluster;

import java.time.Duration;

/**
 * A row of the members table.
 *
 * @param nodeId       the member's node id
 * @param address      what it advertises
 * @param heldEventsThrough the last sequence number of the events it holds that no snapshot is known to cover, as
 *                          of its last heartbeat (0: none)
 * @param heartbeatAge time since its last heartbeat, measured by the database's clock
 */
public record Member(String nodeId, MemberAddress address, long heldEventsThrough, Duration heartbeatAge) {
}
