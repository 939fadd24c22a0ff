package io.siha.node.ha;

import io.siha.node.engine.AppShape;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.output.OutputOrigin;
import io.siha.node.state.NodeSnapshot;
import io.siha.node.sync.StateDigest;
import io.siha.node.sync.SyncEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The active's path for every input event: drop a repeated client id, give the event the next sequence number,
 * process it in Siddhi, hand it to the passive. One lock covers all of it, and {@link #snapshot} takes the same
 * lock: this is the barrier that makes a snapshot's state and its sequence number agree, so no event can be
 * trimmed from the passive's queue yet be missing from the snapshot (a fault of the source system).
 */
final class ActivePipeline {

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
    private long lastSeq;

    ActivePipeline(SiddhiEngine engine, Consumer<SyncEvent> replicator, AckTracker acks, RecentEventIds recentIds,
                   long lastSeq) {
        this.engine = engine;
        this.shapeLines = AppShape.linesByApp(engine.shapes());
        this.replicator = replicator;
        this.acks = acks;
        this.recentIds = recentIds;
        this.lastSeq = lastSeq;
    }

    /**
     * Processes a batch (already validated as a whole) and returns when every event in it may be acknowledged.
     * A repeat of a seen id is not processed again; its acknowledgement waits for the original's.
     */
    CompletableFuture<Void> submit(List<IncomingEvent> events) {
        List<CompletableFuture<Void>> durable = new ArrayList<>(2);
        synchronized (this) {
            long newest = 0;
            for (IncomingEvent event : events) {
                OptionalLong seen = event.eventId() == null ? OptionalLong.empty()
                        : recentIds.seqOf(RecentEventIds.key(event.input().app(), event.input().stream(),
                                event.eventId()));
                if (seen.isPresent()) {
                    durable.add(acks.whenDurable(seen.getAsLong()));
                    continue;
                }
                newest = process(event.input(), event.eventId(), event.timestamp(), event.data());
            }
            if (newest > 0) {
                durable.add(acks.whenDurable(newest));
            }
        }
        return durable.size() == 1 ? durable.get(0)
                : CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new));
    }

    /**
     * Takeover replay: events the previous active sequenced, in order, fed with their original numbers. One event at
     * a time, as the previous active fed them: Siddhi handed an array computes some queries per chunk (a grouped
     * aggregation emits once per group and chunk), and the restored state must be the one the active had.
     */
    synchronized void replay(List<SyncEvent> events) {
        for (SyncEvent event : events) {
            if (event.seq() <= lastSeq) {
                continue;
            }
            apply(engine, recentIds, event);
            lastSeq = event.seq();
        }
    }

    /**
     * Feeds one event another node sequenced to {@code engine} as the active fed it: under its own number (its
     * outputs' ids), its client id remembered, and a source reading a log (Kafka) told that the pair holds it, so it
     * resumes after it. A takeover's replay and a hot standby apply events this one way.
     */
    static void apply(SiddhiEngine engine, RecentEventIds recentIds, SyncEvent event) {
        OutputOrigin.enter(event.seq());
        try {
            engine.input(event.app(), event.stream()).send(event.timestamp(), event.data());
        } finally {
            OutputOrigin.leave();
        }
        if (event.eventId() != null) {
            recentIds.add(RecentEventIds.key(event.app(), event.stream(), event.eventId()), event.seq());
            engine.sourceEventReplayed(event.app(), event.stream(), event.eventId());
        }
    }

    /** The engine's state and the sequence number it covers, taken at the barrier. */
    synchronized NodeSnapshot snapshot() {
        return new NodeSnapshot(lastSeq, engine.snapshot(), recentIds.newest(SNAPSHOT_IDS), shapeLines);
    }

    /** The apps' state as a digest hashes it, and the seq it stands at. */
    record DigestableState(long seq, Map<String, byte[]> states) {

        /** The hashing: for the caller to do after the barrier is let go. */
        StateDigest hash() {
            return new StateDigest(seq, SiddhiEngine.sha256(states));
        }
    }

    /**
     * The state a digest hashes, taken at the barrier. {@code announce} hears its seq at the barrier, before any later
     * event can be replicated.
     */
    synchronized DigestableState digestableState(LongConsumer announce) {
        DigestableState state = new DigestableState(lastSeq, engine.digestableState());
        announce.accept(lastSeq);
        return state;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    private long process(StreamInput input, String eventId, long timestamp, Object[] data) {
        long seq = lastSeq + 1;
        OutputOrigin.enter(seq); // the outputs this event produces get ids from its sequence number
        try {
            input.send(timestamp, data);
        } finally {
            OutputOrigin.leave();
        }
        lastSeq = seq;
        if (eventId != null) {
            recentIds.add(RecentEventIds.key(input.app(), input.stream(), eventId), seq);
        }
        replicator.accept(new SyncEvent(seq, timestamp, input.app(), input.stream(), eventId, data));
        return seq;
    }
}
