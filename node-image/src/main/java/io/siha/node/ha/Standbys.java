package io.siha.node.ha;

import java.util.Optional;

/**
 * What a takeover may continue from besides the persisted state: the runtime made ahead for a cold takeover, and the
 * hot standby while this node runs one.
 */
record Standbys(StandbyEngine cold, Optional<HotStandby> hot) {
}
