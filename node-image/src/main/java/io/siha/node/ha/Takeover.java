package io.siha.node.ha;

import io.siha.api.v1alpha1.IncompatibleStatePolicy;
import io.siha.node.crash.FatalErrors;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.ingest.BinaryIngestServer;
import io.siha.node.ingest.IngestServer;
import io.siha.node.k8s.NodeTrouble;
import io.siha.node.state.NodeSnapshot;
import io.siha.node.state.StaleEpochException;
import io.siha.node.state.StoredSnapshot;
import io.siha.node.sync.PassiveQueue;
import io.siha.node.sync.SyncClient;
import io.siha.node.sync.SyncEvent;
import io.siha.node.sync.SyncListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How this node becomes the active one for an epoch: the source document's steps, made safe. Claim the persistence
 * fence, start the runtime made ahead with no port open, check that no live peer holds events the state lacks,
 * restore the latest snapshot, replay the queued events after it, persist, start serving, open the apps' sources and
 * then the ingest ports (HTTP and binary). The result is a running {@link ActiveTerm}, or nothing left open.
 */
final class Takeover {

    private static final Logger log = LoggerFactory.getLogger(Takeover.class);
    private static final int RECENT_IDS = 100_000;

    private Takeover() {
    }

    /**
     * Becomes active for {@code epoch}. Each step is retried while {@code holdsLease} is true; the term is
     * returned with its ingest ports open, or the takeover is abandoned with nothing left open.
     */
    static ActiveTerm run(long epoch, NodeServices services, PassiveQueue queue, StandbyEngine standby,
                               BooleanSupplier holdsLease, Runnable onFenced, Consumer<NodeTrouble> onTrouble,
                               Consumer<String> onStateDiscarded) throws TakeoverAbandonedException {
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
        SiddhiEngine engine = steps.call(TakeoverStep.TAKE_STANDBY_RUNTIME, () -> {
            try {
                return standby.take();
            } catch (RuntimeException e) { // the apps parsed at start: this is not a blip a retry would fix
                throw new TakeoverSteps.NonRetryable("the Siddhi apps cannot be created: " + e.getMessage(), e);
            }
        });
        services.meters().eventsIn().expectPorts(engine.streamNames());
        services.meters().takeovers().expectApps(engine.appNames());
        ActiveTerm term = null;
        try {
            services.outputGate().startTerm();
            steps.run(TakeoverStep.START_RUNTIME, engine::start);
            Optional<StoredSnapshot> latest = steps.call(TakeoverStep.READ_SNAPSHOT, services.snapshots()::latest);
            QueueHistory history = new QueueHistory(queue, services.meters().lostEvents());
            history.dropIfDiverged(latest);
            steps.run(TakeoverStep.CHECK_PEERS, () -> history.checkPeersHoldNoMore(
                    latest, services.leases().members(), services.config().nodeId(),
                    services.config().heartbeat().peerEventsHorizon()));
            long snapshotSeq = 0;
            RecentEventIds ids = new RecentEventIds(RECENT_IDS);
            if (latest.isPresent()) {
                NodeSnapshot snapshot = latest.get().snapshot();
                StoredSnapshot stored = latest.get();
                steps.run(TakeoverStep.RESTORE_SNAPSHOT, () -> restore(engine, stored, services, onStateDiscarded));
                snapshotSeq = snapshot.lastSeq();
                ids.addAll(snapshot.recentEventIds(), snapshotSeq);
            }
            // What the last active's receivers took after its snapshot, as it told this node: not sent again.
            engine.advanceDelivered(DeliveredMarks.toOutputIds(queue.deliveredMarks()));
            AckTracker acks = new AckTracker(services.config().sync().ackAfterPassive(),
                    services.meters().ackWait());
            SyncClient sync = new SyncClient(services.syncSettings(), epoch, new AckForwarder(acks,
                    services.outputGate()));
            term = new ActiveTerm(epoch, services, engine, acks, sync, ids, snapshotSeq, onFenced, onTrouble);
            ActiveTerm replaying = term;
            long replayAfter = snapshotSeq;
            List<SyncEvent> queued = steps.call(TakeoverStep.REPLAY_QUEUE, () -> {
                List<SyncEvent> events = queue.eventsAfter(replayAfter);
                replaying.replay(events);
                return events;
            });
            ActiveTerm replayed = term;
            // The replayed events live only in this runtime now; a snapshot makes them durable before anything
            // new is acknowledged, and lets a new passive start from it.
            steps.run(TakeoverStep.PERSIST_STATE, replayed::persistOrThrow);
            queue.coveredThrough(replayed.lastPersistedSeq());
            replayed.startServing();
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
            log.info("takeover epoch {} done in {} ms: snapshot revision {} (seq {}), replayed {} queued events, last"
                    + " seq {} ({})", epoch, TimeUnit.NANOSECONDS.toMillis(tookNanos),
                    latest.map(StoredSnapshot::revision).orElse(0L), snapshotSeq, queued.size(),
                    term.lastSeq(), steps.timings());
            return term;
        } catch (Throwable e) {
            FatalErrors.haltIfFatal("the takeover of epoch " + epoch, e);
            if (term != null) {
                term.close();
            } else {
                services.outputGate().close();
                engine.close();
            }
            throw e instanceof TakeoverAbandonedException t ? t
                    : new TakeoverAbandonedException("takeover failed: " + e, e);
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
