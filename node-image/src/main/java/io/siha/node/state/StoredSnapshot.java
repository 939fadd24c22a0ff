package io.siha.node.state;

/** A snapshot row: its revision (increasing per cluster group), the writer's epoch and the snapshot itself. */
public record StoredSnapshot(long revision, long epoch, NodeSnapshot snapshot) {

    public SnapshotPosition position() {
        return new SnapshotPosition(revision, epoch, snapshot.lastSeq());
    }
}
