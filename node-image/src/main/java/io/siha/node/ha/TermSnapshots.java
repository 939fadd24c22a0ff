package io.siha.node.ha;

import io.siha.node.crash.FatalErrors;
import io.siha.node.state.NodeSnapshot;
import io.siha.node.state.SnapshotPosition;
import io.siha.node.state.StaleEpochException;
import io.siha.node.sync.SyncClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An active term's snapshots: when one is due, writing it, and what it makes durable (the acknowledgements waiting
 * for it, the outputs it releases, the passive's queue it trims). The term checks {@link #persistIfDue()} on its
 * background thread every few milliseconds; a takeover and a planned handover write one at once.
 */
final class TermSnapshots {

    private static final Logger log = LoggerFactory.getLogger(TermSnapshots.class);
    /** With acknowledgements waiting and no passive to hold the events, persist at least this often. */
    private static final long DEGRADED_PERSIST_GAP_MS = 50;

    private final long epoch;
    private final NodeServices services;
    private final ActivePipeline pipeline;
    private final AckTracker acks;
    private final SyncClient sync;
    /** Told when the persistence database refuses this epoch's snapshot: a newer term holds the state. */
    private final Runnable onFenced;
    private final SnapshotHealth health;
    private final Object persistLock = new Object();
    private volatile long lastPersistNanos;
    /** How long the last snapshot took: how soon the queue's bound calls for the next ({@link QueueRoom}). */
    private volatile long lastPersistDurationNanos;
    private volatile long lastRevision;
    private volatile long lastPersistedSeq;

    TermSnapshots(long epoch, NodeServices services, ActivePipeline pipeline, AckTracker acks, SyncClient sync,
                  Runnable onFenced) {
        this.epoch = epoch;
        this.services = services;
        this.pipeline = pipeline;
        this.acks = acks;
        this.sync = sync;
        this.onFenced = onFenced;
        this.health = new SnapshotHealth(epoch, services.meters().snapshots());
    }

    /**
     * Writes a snapshot if one is due: the persistence interval has passed, acknowledgements wait with no passive to
     * hold their events, or the passive's queue (or the active's journal) calls for one.
     */
    void persistIfDue() {
        if (System.nanoTime() - health.nextAttemptNanos() < 0) {
            return;
        }
        long sinceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPersistNanos);
        boolean due = sinceMs >= services.config().persistence().intervalMs()
                || (acks.waiting() > 0 && !sync.connected() && sinceMs >= DEGRADED_PERSIST_GAP_MS)
                || QueueRoom.snapshotDue(Math.max(sync.journalFillPercent(), sync.peerQueueFillPercent()),
                        System.nanoTime() - lastPersistNanos, lastPersistDurationNanos);
        if (!due) {
            return;
        }
        try {
            persistOrThrow();
        } catch (StaleEpochException e) {
            log.error("epoch {} is fenced in the persistence database: {}; stepping down", epoch, e.getMessage());
            onFenced.run();
        } catch (Throwable e) { // an Error too: a task that throws is cancelled by its executor, silently
            FatalErrors.haltIfFatal("a snapshot of epoch " + epoch, e);
            health.failed(e);
        }
    }

    void persistOrThrow() throws SQLException, StaleEpochException {
        synchronized (persistLock) {
            long started = System.nanoTime();
            NodeSnapshot snapshot = pipeline.snapshot();
            long revision = services.snapshots().save(epoch, snapshot);
            lastPersistDurationNanos = System.nanoTime() - started;
            services.meters().snapshots().written(lastPersistDurationNanos, snapshot.stateBytes());
            durableThrough(revision, snapshot.lastSeq());
            services.heap().snapshotWritten(snapshot.stateBytes());
        }
    }

    /**
     * A takeover from a hot standby whose state the latest snapshot covers already: nothing needs persisting, and a
     * new passive starts from that snapshot.
     */
    void continuesFrom(SnapshotPosition latest) {
        synchronized (persistLock) {
            durableThrough(latest.revision(), latest.lastSeq());
        }
    }

    private void durableThrough(long revision, long seq) {
        lastPersistNanos = System.nanoTime();
        lastRevision = revision;
        lastPersistedSeq = seq;
        acks.persisted(seq);
        services.outputGate().durableThrough(seq);
        sync.persisted(revision, seq);
        health.succeeded();
    }

    /**
     * Until a passive connects, acknowledgements wait for snapshots, at most one per {@link #DEGRADED_PERSIST_GAP_MS};
     * the takeover's own snapshot must not hold back the first events of the term by that gap, so it does not count.
     */
    void firstAcksNeedNotWait() {
        lastPersistNanos -= TimeUnit.MILLISECONDS.toNanos(DEGRADED_PERSIST_GAP_MS);
    }

    long lastRevision() {
        return lastRevision;
    }

    long lastPersistedSeq() {
        return lastPersistedSeq;
    }

    /** How long ago the last snapshot was written: it grows without bound while snapshots fail. */
    long ageMs() {
        return health.ageMs();
    }

    /** Since when snapshots have failed, if they have failed for at least {@code after} in a row. */
    Optional<Instant> failingSince(Duration after) {
        return health.failingSince(after);
    }
}
