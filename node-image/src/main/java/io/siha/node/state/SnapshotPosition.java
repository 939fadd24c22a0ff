package io.siha.node.state;

/** Where a snapshot row stands, without its state: its revision, the writer's epoch and the last seq it covers. */
public record SnapshotPosition(long revision, long epoch, long lastSeq) {
}
