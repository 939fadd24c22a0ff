package io.siha.node.ha;

/**
 * When the passive's queue calls for a snapshot before the persistence interval. From half full, as long as a snapshot
 * is cheap ({@link #GAP_PER_SNAPSHOT_TIME} of its own duration since the last is enough): the queue then stays short,
 * and so does a cold takeover's replay. An expensive snapshot (a million events of state took 2.4 to 4.5 s under full
 * load) waits until the events arriving during the next two, at the rate since the last, would fill
 * the queue, so that the pair does not spend its CPU serialising the same state over and over. Never later than
 * {@link #LATEST_PERCENT} full, so that a snapshot slower than the last still fits; past 60 % the intake is paced
 * besides ({@link IntakePacer}).
 */
final class QueueRoom {

    static final int EARLIEST_PERCENT = 50;
    static final int LATEST_PERCENT = 80;
    /** The room kept: the events of this many snapshot durations at the current rate. */
    private static final int SNAPSHOTS_OF_ROOM = 2;
    /** A snapshot this many times its duration after the last holds the barrier a sixth of the time at most. */
    private static final int GAP_PER_SNAPSHOT_TIME = 5;

    private QueueRoom() {
    }

    /**
     * @param fillPercent        how full the queue is, 0 to 100: the fuller of the passive's report and the journal
     * @param sinceSnapshotNanos time since the last snapshot, in which the queue filled that far
     * @param snapshotNanos      how long the last snapshot took
     */
    static boolean snapshotDue(int fillPercent, long sinceSnapshotNanos, long snapshotNanos) {
        if (fillPercent >= LATEST_PERCENT) {
            return true;
        }
        if (fillPercent < EARLIEST_PERCENT || sinceSnapshotNanos <= 0) {
            return false;
        }
        if (sinceSnapshotNanos >= GAP_PER_SNAPSHOT_TIME * snapshotNanos) {
            return true;
        }
        double arrivingDuringSnapshots = (double) fillPercent * SNAPSHOTS_OF_ROOM * snapshotNanos / sinceSnapshotNanos;
        return fillPercent + arrivingDuringSnapshots >= 100;
    }
}
