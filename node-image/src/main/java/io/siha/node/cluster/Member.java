package io.siha.node.cluster;

import java.time.Duration;

/**
 * A row of the members table.
 *
 * @param nodeId       the member's node id
 * @param address      what it advertises
 * @param heartbeatAge time since its last heartbeat, measured by the database's clock
 */
public record Member(String nodeId, MemberAddress address, Duration heartbeatAge) {
}
