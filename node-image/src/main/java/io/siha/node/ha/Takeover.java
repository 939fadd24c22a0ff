package io.siha.node.ha;

import io.siha.api.v1alpha1.IncompatibleStatePolicy;
import io.siha.node.crash.FatalErrors;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.ingest.BinaryIngestServer;
import io.siha.node.ingest.IngestServer;
import io.siha.node.k8s.NodeTrouble;
import io.siha.node.state.NodeSnapshot;
import io.siha.node.state.SnapshotPosition;
import io.siha.node.state.StaleEpochException;
import io.siha.node.state.StoredSnapshot;
import io.siha.node.sync.PassiveQueue;
import io.siha.node.sync.SyncClient;
import io.siha.node.sync.SyncEvent;
import io.siha.node.sync.SyncListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How this node becomes the active one for an epoch: the source document's steps, made safe. Claim the persistence
 * fence; take the hot standby's runtime if its state is current, or start the runtime made ahead with no port open,
 * restore the latest snapshot and replay the queued events after it; check that no live peer holds events the state
 * lacks; persist unless the latest snapshot covers the state already; start serving, open the apps' sources and then
 * the ingest ports (HTTP and binary). The result is a running {@link ActiveTerm}, or nothing left open.
 */
final class Takeover {

    private static final Logger log = LoggerFactory.getLogger(Takeover.class);
    static final int RECENT_IDS = 100_000;

    private Takeover() {
    }

    /**
     * Where the new term's state comes from: a runtime holding it through {@code lastSeq}, the events to replay after
     * it, and the latest snapshot's position when it already covers {@code lastSeq} (nothing then needs persisting).
     */
    private record Start(SiddhiEngine engine, RecentEventIds ids, long lastSeq, boolean replaysQueue,
                         Optional<SnapshotPosition> coveringSnapshot, String from) {
    }

    /**
     * Becomes active for {@code epoch}, from the hot standby's runtime when there is one whose state is current, else
     * from the latest snapshot and the queue. Each step is retried while {@code holdsLease} is true; the term is
     * returned with its ingest ports open, or the takeover is abandoned with nothing left open.
     */
    static ActiveTerm run(long epoch, NodeServices services, PassiveQueue queue, Standbys standbys,
                          BooleanSupplier holdsLease, TermCallbacks callbacks) throws TakeoverAbandonedException {
        long started = System.nanoTime();
        TakeoverSteps steps = new TakeoverSteps(epoch, holdsLease, services.config().heartbeat().interval()
                .dividedBy(4), services.meters().takeovers());
        steps.run(TakeoverStep.PREPARE_DATABASE, services.snapshots()::ensureSchema);
        steps.run(TakeoverStep.CLAIM_FENCE, () -> {
            try {
                services.snapshots().claim(epoch);
            } catch (StaleEpochException e) {
                throw new TakeoverSteps.NonRetryable(e.getMessage(), e);
            }
        });
        Start start = null;
        ActiveTerm term = null;
        try {
            services.outputGate().startTerm();
            start = fromHotStandby(steps, services, queue, standbys);
            if (start == null) {
                start = fromSnapshot(steps, services, queue, standbys.cold(), callbacks.onStateDiscarded());
            }
            SiddhiEngine engine = start.engine();
            Start from = start;
            term = steps.call(TakeoverStep.CREATE_TERM, () -> {
                try {
                    return createTerm(epoch, services, queue, from, callbacks);
                } catch (RuntimeException e) { // nothing a retry would fix, and a retry would make a second client
                    throw new TakeoverSteps.NonRetryable("the term cannot be created: " + e, e);
                }
            });
            ActiveTerm replaying = term;
            long replayAfter = start.lastSeq();
            List<SyncEvent> queued = !start.replaysQueue() ? List.of() : steps.call(TakeoverStep.REPLAY_QUEUE, () -> {
                List<SyncEvent> events = queue.eventsAfter(replayAfter);
                replaying.replay(events);
                return events;
            });
            ActiveTerm replayed = term;
            Optional<SnapshotPosition> covering = start.coveringSnapshot();
            if (covering.isPresent()) {
                replayed.continuesFrom(covering.get());
            } else {
                // The state beyond the latest snapshot lives only in this runtime (and the queue) until a snapshot
                // covers it; the first acknowledgements wait for one anyway, and a new passive can only start from
                // one that covers it. Taken before the ports open: a new active knows no snapshot size yet, so its
                // heap guard would take events that a snapshot right after could not fit (README, Hot standby).
                steps.run(TakeoverStep.PERSIST_STATE, replayed::persistOrThrow);
            }
            queue.coveredThrough(replayed.lastPersistedSeq());
            steps.run(TakeoverStep.START_SERVING, replayed::startServing);
            steps.run(TakeoverStep.START_SOURCES, () -> {
                try {
                    engine.startSources();
                } catch (RuntimeException e) { // a source retries its own connection: this is no blip
                    throw new TakeoverSteps.NonRetryable("the apps' sources cannot start: " + e.getMessage(), e);
                }
            });
            // Each port is the term's the moment it is open, so that an abandoned takeover's close() closes it.
            term.httpIngestOpened(steps.call(TakeoverStep.OPEN_HTTP_INGEST, () -> IngestServer.open(
                    services.httpGroup(), services.config().bindHost(), services.config().ports().httpIngest(),
                    services.config().ingestToken(), services.ingestTls(), replayed)));
            term.binaryIngestOpened(steps.call(TakeoverStep.OPEN_BINARY_INGEST, () -> BinaryIngestServer.open(
                    services.httpGroup(), services.config().bindHost(), services.config().ports().binaryIngest(),
                    services.config().ingestToken(), services.ingestTls(), replayed)));
            long tookNanos = System.nanoTime() - started;
            services.meters().takeovers().completed(tookNanos);
            log.info("takeover epoch {} done in {} ms: {}, replayed {} queued events, last seq {} ({})", epoch,
                    TimeUnit.NANOSECONDS.toMillis(tookNanos), start.from(), queued.size(), term.lastSeq(),
                    steps.timings());
            return term;
        } catch (Throwable e) {
            FatalErrors.haltIfFatal("the takeover of epoch " + epoch, e);
            if (term != null) {
                term.close();
            } else {
                services.outputGate().close();
                if (start != null) {
                    start.engine().close();
                }
            }
            throw e instanceof TakeoverAbandonedException t ? t
                    : new TakeoverAbandonedException("takeover failed: " + e, e);
        }
    }

    private static ActiveTerm createTerm(long epoch, NodeServices services, PassiveQueue queue, Start start,
                                         TermCallbacks callbacks) {
        SiddhiEngine engine = start.engine();
        services.meters().eventsIn().expectPorts(engine.streamNames());
        services.meters().takeovers().expectApps(engine.appNames());
        // What the last active's receivers took after its snapshot, as it told this node: not sent again.
        engine.advanceDelivered(DeliveredMarks.toOutputIds(queue.deliveredMarks()));
        AckTracker acks = new AckTracker(services.config().sync().ackAfterPassive(), services.meters().ackWait());
        SyncClient sync = new SyncClient(services.syncSettings(), epoch, new AckForwarder(acks,
                services.outputGate()));
        return new ActiveTerm(epoch, services, engine, acks, sync, start.ids(), start.lastSeq(),
                callbacks.onFenced(), callbacks.onTrouble());
    }

    /**
     * The hot standby's runtime, if its state is the one to continue from: it holds every event of the queue's
     * history and the latest snapshot is of that history and not beyond it. Otherwise null, the runtime closed and
     * the reason logged: the takeover then restores the latest snapshot, as a cold standby's does.
     */
    private static Start fromHotStandby(TakeoverSteps steps, NodeServices services, PassiveQueue queue,
                                        Standbys standbys) throws TakeoverAbandonedException {
        if (standbys.hot().isEmpty()) {
            return null;
        }
        Duration catchUp = services.config().heartbeat().lease().dividedBy(2);
        Optional<HotStandby.Current> current = steps.call(TakeoverStep.TAKE_HOT_STANDBY,
                () -> standbys.hot().get().takeOver(catchUp));
        if (current.isEmpty()) {
            return null;
        }
        HotStandby.Current hot = current.get();
        try {
            Optional<SnapshotPosition> latest = steps.call(TakeoverStep.READ_SNAPSHOT_POSITION,
                    services.snapshots()::latestPosition);
            long generation = queue.generation();
            QueueHistory history = new QueueHistory(queue, services.meters().lostEvents());
            history.dropIfDiverged(latest);
            String unfit = queue.generation() != generation ? "the queue's events were of another history"
                    : latest.filter(p -> p.epoch() > queue.historyEpoch()).map(p -> "the latest snapshot (revision "
                            + p.revision() + ") was written by epoch " + p.epoch() + ", which this node never synced"
                            + " with").or(() -> latest.filter(p -> p.lastSeq() > hot.appliedSeq()).map(p -> "the"
                            + " latest snapshot reaches seq " + p.lastSeq() + ", beyond the standby's "
                            + hot.appliedSeq())).orElse(null);
            if (unfit != null) {
                log.info("hot standby not used: {}", unfit);
                hot.engine().close();
                return null;
            }
            steps.run(TakeoverStep.CHECK_PEERS, () -> history.checkPeersHoldNoMore(latest,
                    services.leases().members(), services.config().nodeId(),
                    services.config().heartbeat().peerEventsHorizon()));
            return new Start(hot.engine(), hot.ids(), hot.appliedSeq(), false,
                    latest.filter(p -> p.lastSeq() == hot.appliedSeq()), "hot standby at seq " + hot.appliedSeq()
                            + " (latest snapshot " + latest.map(p -> "revision " + p.revision() + ", seq "
                            + p.lastSeq()).orElse("none") + ")");
        } catch (TakeoverAbandonedException | RuntimeException e) {
            hot.engine().close();
            throw e;
        }
    }

    /** The runtime made ahead, the latest snapshot restored into it, and the queued events after it to replay. */
    private static Start fromSnapshot(TakeoverSteps steps, NodeServices services, PassiveQueue queue,
                                      StandbyEngine standby, Consumer<String> onStateDiscarded)
            throws TakeoverAbandonedException {
        SiddhiEngine engine = steps.call(TakeoverStep.TAKE_STANDBY_RUNTIME, () -> {
            try {
                return standby.take();
            } catch (RuntimeException e) { // the apps parsed at start: this is not a blip a retry would fix
                throw new TakeoverSteps.NonRetryable("the Siddhi apps cannot be created: " + e.getMessage(), e);
            }
        });
        try {
            steps.run(TakeoverStep.START_RUNTIME, engine::start);
            Optional<StoredSnapshot> latest = steps.call(TakeoverStep.READ_SNAPSHOT, services.snapshots()::latest);
            Optional<SnapshotPosition> position = latest.map(StoredSnapshot::position);
            QueueHistory history = new QueueHistory(queue, services.meters().lostEvents());
            history.dropIfDiverged(position);
            steps.run(TakeoverStep.CHECK_PEERS, () -> history.checkPeersHoldNoMore(
                    position, services.leases().members(), services.config().nodeId(),
                    services.config().heartbeat().peerEventsHorizon()));
            long snapshotSeq = 0;
            RecentEventIds ids = new RecentEventIds(RECENT_IDS);
            if (latest.isPresent()) {
                StoredSnapshot stored = latest.get();
                steps.run(TakeoverStep.RESTORE_SNAPSHOT, () -> restore(engine, stored, services, onStateDiscarded));
                snapshotSeq = stored.snapshot().lastSeq();
                ids.addAll(stored.snapshot().recentEventIds(), snapshotSeq);
            }
            return new Start(engine, ids, snapshotSeq, true, Optional.empty(),
                    "snapshot revision " + latest.map(StoredSnapshot::revision).orElse(0L) + " (seq " + snapshotSeq
                            + ")");
        } catch (TakeoverAbandonedException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Passes the passive's acknowledgements to the tracker; runs on the sync client's I/O thread. */
    private record AckForwarder(AckTracker acks, OutputGate outputs) implements SyncListener {

        @Override
        public void acked(long seq) {
            acks.passiveAcked(seq);
            outputs.durableThrough(seq);
        }

        @Override
        public void connectionChanged(boolean connected) {
            log.info("passive {}", connected ? "connected: acknowledgements follow its acks"
                    : "disconnected: running degraded, acknowledgements follow snapshots");
        }
    }

    /**
     * Restores the snapshot if it fits the apps. If it does not (apps changed since), the policy decides: refuse the
     * takeover, or start the misfit apps empty and tell {@code onStateDiscarded} what was dropped.
     */
    private static void restore(SiddhiEngine engine, StoredSnapshot stored, NodeServices services,
                                Consumer<String> onStateDiscarded) throws TakeoverSteps.NonRetryable {
        NodeSnapshot snapshot = stored.snapshot();
        StateFit fit = StateFit.of(snapshot, engine.shapes());
        if (!fit.fits()) {
            if (services.config().persistence().onIncompatibleState() == IncompatibleStatePolicy.FAIL) {
                IncompatibleStateException refused = new IncompatibleStateException(stored.revision(), fit);
                throw new TakeoverSteps.NonRetryable(refused.getMessage(), refused);
            }
            String discarded = "started empty, as spec.persistence.onIncompatibleState is StartFresh, because"
                    + " snapshot revision " + stored.revision() + " (seq " + snapshot.lastSeq() + ") no longer fits: " + fit.describe();
            log.warn("discarding persisted state: {}", discarded);
            fit.misfits().keySet().forEach(services.meters().takeovers()::stateDiscarded);
            onStateDiscarded.accept(discarded);
        }
        try {
            engine.restore(fit.fitting(snapshot.appStates()));
        } catch (Exception e) {
            throw new TakeoverSteps.NonRetryable("snapshot revision " + stored.revision() + " cannot be restored: "
                    + e.getMessage(), e);
        }
    }
}
