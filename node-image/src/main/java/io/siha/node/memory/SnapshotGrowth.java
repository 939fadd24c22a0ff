package io.siha.node.memory;

/**
 * How fast the apps' snapshots grow, from the last two, so that the heap guard sees the next snapshot coming instead
 * of learning its size only once it is written. Between two snapshots a node may take a whole persistence interval of
 * events: in {@code HeapFaultsTest} (large events into a window) the snapshot tripled from 10 to 30 MiB between two
 * evaluations, the projection went from 207 to 267 MiB against a limit of 222 MiB before the guard refused, and the
 * peer then ran out of memory restoring that state. The next snapshot is expected to grow at the last one's pace for
 * at most the last one's gap; the snapshots written every interval, refused events or not, correct it. A shrinking or
 * steady state (a full window, an aggregate) expects no growth.
 *
 * @param bytes       the size of the last snapshot
 * @param writtenAt   when it was written ({@link System#nanoTime()})
 * @param gapNanos    the time between it and the one before
 * @param bytesPerSec its growth since the one before, never negative
 */
record SnapshotGrowth(long bytes, long writtenAt, long gapNanos, double bytesPerSec) {

    static final SnapshotGrowth NONE = new SnapshotGrowth(0, 0, 0, 0);

    /** After a snapshot of {@code newBytes} written at {@code now}. */
    SnapshotGrowth next(long newBytes, long now) {
        if (this == NONE || now <= writtenAt) {
            return new SnapshotGrowth(newBytes, now, 0, 0);
        }
        long gap = now - writtenAt;
        return new SnapshotGrowth(newBytes, now, gap, Math.max(0, (newBytes - bytes) * 1e9 / gap));
    }

    /** The size the next snapshot would have at {@code now}, if the state keeps growing as it did. */
    long expectedAt(long now) {
        long elapsed = Math.min(gapNanos, Math.max(0, now - writtenAt));
        return bytes + (long) (bytesPerSec * elapsed / 1e9);
    }
}
