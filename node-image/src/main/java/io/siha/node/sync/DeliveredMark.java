package io.siha.node.sync;

/**
 * The newest output one sink's receiver took, as the active reports it to the passive: the output produced at
 * position {@code position} by input {@code seq}. A takeover gives each sink's outbox its mark, so outputs the old
 * active delivered after its last snapshot are not sent again (only those in flight at the kill may be).
 *
 * @param sink the sink's key, the same on both nodes for the same apps
 */
public record DeliveredMark(String sink, long seq, int position) {
}
