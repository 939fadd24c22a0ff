package io.siha.node.ha;

import io.siha.node.engine.AppShape;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.net.RateLimitedLog;
import io.siha.node.output.OutputOrigin;
import io.siha.node.state.NodeSnapshot;
import io.siha.node.sync.StateDigest;
import io.siha.node.sync.SyncEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The active's path for every input event: drop a repeated client id, give the event the next sequence number, hand
 * it to the passive, and queue it for the one thread that feeds Siddhi ({@link ApplyLoop}). The intake lock covers the
 * first three and the queueing, so the events reach the passive and Siddhi in the same order; a snapshot takes its seq
 * under the same lock and its state on the apply thread right after the events up to that seq, so its state and seq
 * agree (no event trimmed from the passive's queue can be missing from the snapshot, a fault of the source system)
 * while intake goes on.
 *
 * <p>An acknowledgement means the pair holds the event (the passive's queue or a snapshot), not that Siddhi has
 * processed it: with a passive, events are acknowledged while a long snapshot holds the apply thread. Without one
 * to wait for ({@code ackAfterPassive} off) an acknowledgement waits until the event is applied, and so do the apps'
 * own sources, which may keep their position as state (a Kafka source's offsets).
 */
final class ActivePipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActivePipeline.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log);

    /**
     * Ids a snapshot carries. A client retries an event whose acknowledgement it did not get; such an event was
     * processed at most an acknowledgement's latency before the node died, so it is either in the passive's
     * queue (with its id) or among the last events before the newest snapshot. 20,000 covers that window at
     * 100,000 events/s with room to spare, and keeps snapshots small (degraded mode writes many).
     */
    static final int SNAPSHOT_IDS = 20_000;

    private final SiddhiEngine engine;
    /** The apps' shapes as each snapshot carries them: fixed for the runtime, so made once, not at every barrier. */
    private final Map<String, List<String>> shapeLines;
    private final Consumer<SyncEvent> replicator;
    private final AckTracker acks;
    private final RecentEventIds recentIds;
    private final ApplyLoop applier;
    private long lastSeq;

    ActivePipeline(SiddhiEngine engine, Consumer<SyncEvent> replicator, AckTracker acks, RecentEventIds recentIds,
                   long lastSeq) {
        this.engine = engine;
        this.shapeLines = AppShape.linesByApp(engine.shapes());
        this.replicator = replicator;
        this.acks = acks;
        this.recentIds = recentIds;
        this.lastSeq = lastSeq;
        this.applier = new ApplyLoop("siha-apply", ApplyLoop.boundForHeap(Runtime.getRuntime().maxMemory()), lastSeq);
    }

    /**
     * Takes a batch (already validated as a whole) and returns when every event in it may be acknowledged: once the
     * pair holds it, and with {@code untilApplied} once Siddhi has processed it too. A repeat of a seen id is not
     * taken again; its acknowledgement waits for the original's.
     */
    CompletableFuture<Void> submit(List<IncomingEvent> events, boolean untilApplied) {
        applier.awaitRoom();
        boolean waitApplied = (untilApplied || !acks.waitsForPassive()) && !applier.onApplyThread();
        List<CompletableFuture<Void>> held = new ArrayList<>(2);
        synchronized (this) {
            List<IncomingEvent> taken = new ArrayList<>(events.size());
            long first = lastSeq + 1;
            try {
                for (IncomingEvent event : events) {
                    // Built once: looked up, then remembered once the event is taken.
                    String idKey = event.eventId() == null ? null
                            : RecentEventIds.key(event.input().app(), event.input().stream(), event.eventId());
                    OptionalLong seen = idKey == null ? OptionalLong.empty() : recentIds.seqOf(idKey);
                    if (seen.isPresent()) {
                        held.add(held(seen.getAsLong(), waitApplied));
                        continue;
                    }
                    take(event, idKey);
                    taken.add(event);
                }
            } finally { // what was taken before a refusal is replicated and must be applied too
                if (!taken.isEmpty()) {
                    applier.enqueue(lastSeq, taken.size(), () -> applyTaken(first, taken));
                }
            }
            if (!taken.isEmpty()) {
                held.add(held(lastSeq, waitApplied));
            }
        }
        return held.size() == 1 ? held.get(0) : CompletableFuture.allOf(held.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> held(long seq, boolean applied) {
        CompletableFuture<Void> durable = acks.whenDurable(seq);
        return applied ? durable.thenCombine(applier.whenApplied(seq), (a, b) -> null) : durable;
    }

    /**
     * Takeover replay: events the previous active sequenced, in order, fed with their original numbers. One event at
     * a time, as the previous active fed them: Siddhi handed an array computes some queries per chunk (a grouped
     * aggregation emits once per group and chunk), and the restored state must be the one the active had. On the
     * caller's thread, before any event is taken: nothing else is applying yet.
     */
    synchronized void replay(List<SyncEvent> events) {
        for (SyncEvent event : events) {
            if (event.seq() <= lastSeq) {
                continue;
            }
            apply(engine, recentIds, event);
            lastSeq = event.seq();
        }
        applier.appliedElsewhere(lastSeq);
    }

    /**
     * Feeds one event another node sequenced to {@code engine} as the active fed it: under its own number (its
     * outputs' ids), its client id remembered, and a source reading a log (Kafka) told that the pair holds it, so it
     * resumes after it. A takeover's replay and a hot standby apply events this one way.
     */
    static void apply(SiddhiEngine engine, RecentEventIds recentIds, SyncEvent event) {
        sendAs(event.seq(), engine.input(event.app(), event.stream()), event.timestamp(), event.data());
        if (event.eventId() != null) {
            recentIds.add(RecentEventIds.key(event.app(), event.stream(), event.eventId()), event.seq());
            engine.sourceEventReplayed(event.app(), event.stream(), event.eventId());
        }
    }

    /** The engine's state and the sequence number it covers: the seq at the intake lock, the state at that seq. */
    NodeSnapshot snapshot() {
        CompletableFuture<NodeSnapshot> taken;
        synchronized (this) {
            long seq = lastSeq;
            List<String> ids = recentIds.newest(SNAPSHOT_IDS);
            taken = applier.afterQueued(() -> new NodeSnapshot(seq, engine.snapshot(), ids, shapeLines));
        }
        return joined(taken);
    }

    /** A store query that sees every event taken before it (an acknowledged event among them). */
    List<Object[]> query(String app, String storeQuery) {
        return joined(applier.afterQueued(() -> engine.query(app, storeQuery)));
    }

    /** The apps' state as a digest hashes it, and the seq it stands at. */
    record DigestableState(long seq, Map<String, byte[]> states) {

        /** The hashing: for the caller to do after the barrier is let go. */
        StateDigest hash() {
            return new StateDigest(seq, SiddhiEngine.sha256(states));
        }
    }

    /**
     * The state a digest hashes, at the seq of the intake lock. {@code announce} hears that seq under the lock, before
     * any later event can be replicated.
     */
    DigestableState digestableState(LongConsumer announce) {
        CompletableFuture<DigestableState> taken;
        synchronized (this) {
            long seq = lastSeq;
            announce.accept(seq);
            taken = applier.afterQueued(() -> new DigestableState(seq, engine.digestableState()));
        }
        return joined(taken);
    }

    /** The newest seq taken (replicated, perhaps not yet applied). */
    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Whether the caller is the apply thread, handing events in from a sink: it must never wait. */
    boolean onApplyThread() {
        return applier.onApplyThread();
    }

    /** Events taken and not yet applied. */
    int applyBacklog() {
        return applier.backlog();
    }

    /** Stops applying: what is queued is dropped (the passive holds it), waiting callers fail. */
    @Override
    public void close() {
        applier.close();
    }

    private static <T> T joined(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** @param idKey the event's id as {@link RecentEventIds} remembers it; null for an event without one */
    private void take(IncomingEvent event, String idKey) {
        long seq = lastSeq + 1;
        StreamInput input = event.input();
        // First, since it may refuse the event (larger than a sync frame): then nothing of it is taken.
        replicator.accept(new SyncEvent(seq, event.timestamp(), input.app(), input.stream(), event.eventId(),
                event.data()));
        lastSeq = seq;
        if (idKey != null) {
            recentIds.add(idKey, seq);
        }
    }

    /**
     * On the apply thread: a batch's taken events, numbered from {@code first}, one at a time as a replay feeds them.
     * One queue entry per batch, not per event: per event, the hand-over cost the filter app a third of its rate.
     */
    private static void applyTaken(long first, List<IncomingEvent> taken) {
        long seq = first;
        for (IncomingEvent event : taken) {
            try {
                sendAs(seq, event.input(), event.timestamp(), event.data());
            } catch (RuntimeException e) {
                // The passive applies the same event and fails the same way; the batch's other events go on.
                failures.warn("apply", "applying event seq {} failed: {}", seq, e.toString(), e);
            }
            seq++;
        }
    }

    /** Feeds one event to Siddhi as event {@code seq}: the outputs it produces get their ids from that number. */
    private static void sendAs(long seq, StreamInput input, long timestamp, Object[] data) {
        OutputOrigin.enter(seq);
        try {
            input.send(timestamp, data);
        } finally {
            OutputOrigin.leave();
        }
    }
}
