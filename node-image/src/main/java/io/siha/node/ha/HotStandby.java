package io.siha.node.ha;

import io.siha.node.crash.FatalErrors;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.net.RateLimitedLog;
import io.siha.node.state.NodeSnapshot;
import io.siha.node.state.StoredSnapshot;
import io.siha.node.sync.PassiveQueue;
import io.siha.node.sync.StateDigest;
import io.siha.node.sync.SyncEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The passive's running copy of the active's state ({@code SIHA_STANDBY_MODE=hot}): a started runtime, its sources
 * never opened, that applies each synced event as it arrives, on a thread of its own, under the number the active gave
 * it. Its sinks hold what it computes under the active's output ids, trimmed by the active's delivered marks, behind
 * the node's closed output gate. A takeover then continues from this runtime ({@link #takeOver}) with no snapshot read,
 * restore or replay.
 *
 * <p>It starts from the latest snapshot and resynchronises from it whenever its state may no longer be the active's:
 * the queue started another history (a new active), or dropped events it had not applied yet (it fell a queue's
 * capacity behind). While it runs, the queue keeps each event until it is applied ({@link PassiveQueue#holdForStandby}).
 */
final class HotStandby implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HotStandby.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log);
    private static final int BATCH = 512;
    private static final long IDLE_WAIT_MS = 50;
    private static final long RETRY_MS = 1_000;
    /** As often as the active sends its marks: the held outputs its receivers took leave the outboxes. */
    private static final long MARKS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** What a takeover continues from: the runtime, started, its state through {@code appliedSeq}. */
    record Current(SiddhiEngine engine, RecentEventIds ids, long appliedSeq) {
    }

    private final Supplier<SiddhiEngine> factory;
    private final SnapshotSource snapshots;
    private final PassiveQueue queue;
    private final int recentIds;
    private final Thread applier;
    private volatile boolean stopping;
    private volatile long appliedSeq;
    private volatile long resyncs;
    /** Why this standby cannot serve a takeover any more (the snapshot does not fit the apps); null while it can. */
    private volatile String unusable;
    /** Whether the applier has ended, and whether the caller gave up waiting for it (it then closes its runtime). */
    private final Object ending = new Object();
    private boolean finished;
    private boolean abandoned;

    // The applier thread's, until it ends; then the caller of takeOver's or close's.
    private SiddhiEngine engine;
    private RecentEventIds ids;
    private long generation = -1;
    private StateDigest compared;
    private volatile long digestsMatched;
    private volatile long divergences;
    private long marksAppliedNanos;

    /** Where a resynchronisation reads the latest snapshot. */
    interface SnapshotSource {
        Optional<StoredSnapshot> latest() throws Exception;
    }

    HotStandby(Supplier<SiddhiEngine> factory, SnapshotSource snapshots, PassiveQueue queue, int recentIds) {
        this.factory = factory;
        this.snapshots = snapshots;
        this.queue = queue;
        this.recentIds = recentIds;
        this.applier = new Thread(this::applyUntilStopped, "siha-hot-standby");
        applier.setDaemon(true);
    }

    void start() {
        queue.holdForStandby();
        applier.start();
    }

    /** The last event the standby's state includes; for status and tests. */
    long appliedSeq() {
        return appliedSeq;
    }

    /** How often it restored a snapshot, the first time included. */
    long resyncs() {
        return resyncs;
    }

    private void applyUntilStopped() {
        try {
            applyWhileRunning();
        } finally {
            synchronized (ending) {
                finished = true;
                if (abandoned) {
                    closeEngine();
                }
            }
        }
    }

    private void applyWhileRunning() {
        while (!stopping) {
            try {
                if (unusable != null) {
                    return;
                }
                if (engine == null || generation != queue.generation()) {
                    resync();
                    continue;
                }
                PassiveQueue.StandbyBatch batch = queue.standbyBatch(appliedSeq, BATCH, IDLE_WAIT_MS);
                // After the wait, before applying: a digest at this seq may have come with the events after it.
                if (!agreesWithTheActive()) {
                    closeEngine();
                    continue;
                }
                if (batch.gap() || batch.generation() != generation) {
                    log.info("hot standby: the queue {} after seq {}; resynchronising from the latest snapshot",
                            batch.gap() ? "no longer holds the events" : "started another history", appliedSeq);
                    closeEngine();
                    continue;
                }
                applyAll(batch.events());
                trimHeldOutputs();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                FatalErrors.haltIfFatal("the hot standby", e);
                failures.warn("hot standby", "hot standby failed, resynchronising in {} ms: {}", RETRY_MS,
                        e.toString());
                closeEngine();
                sleepQuietly(RETRY_MS);
            }
        }
    }

    private void resync() throws Exception {
        closeEngine();
        long started = System.nanoTime();
        long startedGeneration = queue.generation();
        SiddhiEngine made = factory.get();
        try {
            made.start();
            Optional<StoredSnapshot> latest = snapshots.latest();
            RecentEventIds fresh = new RecentEventIds(recentIds);
            long seq = 0;
            if (latest.isPresent()) {
                NodeSnapshot snapshot = latest.get().snapshot();
                StateFit fit = StateFit.of(snapshot, made.shapes());
                if (!fit.fits()) { // a takeover decides what to do with it, by the policy, on the cold path
                    unusable = "snapshot revision " + latest.get().revision() + " does not fit the apps: "
                            + fit.describe();
                    log.warn("hot standby stopped: {}; a takeover takes the cold path", unusable);
                    made.close();
                    return;
                }
                made.restore(snapshot.appStates());
                seq = snapshot.lastSeq();
                fresh.addAll(snapshot.recentEventIds(), seq);
            }
            dropHeldOutputsDelivered(made);
            engine = made;
            ids = fresh;
            generation = startedGeneration;
            appliedSeq = seq;
            queue.standbyApplied(seq);
            resyncs++;
            log.info("hot standby: restored snapshot revision {} (seq {}) in {} ms; applying events as they arrive",
                    latest.map(StoredSnapshot::revision).orElse(0L), seq,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Exception | Error e) {
            made.close();
            throw e;
        }
    }

    /**
     * Compares the state with the active's newest digest when the standby stands at its seq (the queue hands out
     * events up to a digest's seq at most, so it stops there); false if they differ, said and counted.
     */
    private boolean agreesWithTheActive() {
        StateDigest digest = queue.newestDigest();
        if (digest == null || digest == compared || digest.seq() > appliedSeq) {
            return true;
        }
        compared = digest;
        if (digest.seq() < appliedSeq) { // restored from a snapshot beyond it
            return true;
        }
        StateDigest mine = new StateDigest(appliedSeq, SiddhiEngine.sha256(engine.digestableState()));
        List<String> differing = mine.appsDifferingFrom(digest);
        if (differing.isEmpty()) {
            digestsMatched++;
            return true;
        }
        divergences++;
        log.warn("hot standby diverged from the active at seq {}: the state of {} differs; resynchronising from the"
                + " latest snapshot", appliedSeq, differing);
        return false;
    }

    /** Everything it counted, read together for the status. */
    StandbyCounts counts() {
        return new StandbyCounts(resyncs, digestsMatched, divergences);
    }

    /** How often its state agreed with the active's digest at the same seq. */
    long digestsMatched() {
        return digestsMatched;
    }

    /** How often it did not (each time it resynchronised). */
    long divergences() {
        return divergences;
    }

    /** Applies contiguous events after {@link #appliedSeq}; the caller has checked they start right after it. */
    private void applyAll(List<SyncEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        long seq = appliedSeq;
        for (SyncEvent event : events) {
            ActivePipeline.apply(engine, ids, event);
            seq = event.seq();
        }
        appliedSeq = seq;
        queue.standbyApplied(seq);
    }

    private void trimHeldOutputs() {
        long now = System.nanoTime();
        if (now - marksAppliedNanos >= MARKS_EVERY_NANOS) {
            marksAppliedNanos = now;
            dropHeldOutputsDelivered(engine);
        }
    }

    /** The outputs the active's receivers took, as its marks say, leave the held outboxes. */
    private void dropHeldOutputsDelivered(SiddhiEngine runtime) {
        runtime.advanceDelivered(DeliveredMarks.toOutputIds(queue.deliveredMarks()));
    }

    /**
     * Stops applying and hands the runtime over, its state through the last event the queue holds, or empty (and the
     * reason logged) if it cannot be the state to continue from. The sync server is closed already, so the queue
     * grows no more. Either way the queue is released: from here on only snapshots trim it.
     */
    Optional<Current> takeOver(Duration wait) throws InterruptedException {
        stopping = true;
        queue.wakeStandby();
        applier.join(Math.max(1, wait.toMillis()));
        try {
            if (!applierEnded()) {
                log.warn("hot standby not used: it was still restoring a snapshot after {} ms", wait.toMillis());
                return Optional.empty();
            }
            if (unusable != null || engine == null || generation != queue.generation()) {
                log.info("hot standby not used: {}", unusable != null ? unusable : engine == null
                        ? "it had no state yet" : "the queue started another history");
                closeEngine();
                return Optional.empty();
            }
            while (true) {
                PassiveQueue.StandbyBatch batch = queue.standbyBatch(appliedSeq, BATCH, 0);
                if (batch.gap()) {
                    log.info("hot standby not used: the queue no longer holds the events after seq {}", appliedSeq);
                    closeEngine();
                    return Optional.empty();
                }
                if (batch.events().isEmpty()) {
                    break;
                }
                applyAll(batch.events());
            }
            Current current = new Current(engine, ids, appliedSeq);
            engine = null;
            return Optional.of(current);
        } finally {
            queue.releaseStandby();
        }
    }

    /** Stops applying and closes the runtime; the queue is released. */
    @Override
    public void close() {
        stopping = true;
        queue.wakeStandby();
        try {
            applier.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (applierEnded()) {
            closeEngine();
        }
        queue.releaseStandby();
    }

    /** True once the applier ended; otherwise it is told to close its runtime itself when it does. */
    private boolean applierEnded() {
        synchronized (ending) {
            abandoned = !finished;
            return finished;
        }
    }

    private void closeEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
