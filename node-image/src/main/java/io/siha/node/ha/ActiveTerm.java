package io.siha.node.ha;

import io.siha.node.cluster.Member;
import io.siha.node.crash.SurvivingTask;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;
import io.siha.node.http.HttpServer;
import io.siha.node.ingest.BinaryIngestServer;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.ingest.IntakePausedException;
import io.siha.node.ingest.IngestTarget;
import io.siha.node.ingest.InputSource;
import io.siha.node.k8s.NodeTrouble;
import io.siha.node.state.SnapshotPosition;
import io.siha.node.state.StaleEpochException;
import io.siha.node.sync.SyncClient;
import io.siha.node.sync.SyncEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One term of this node as the active node, from the end of its {@link Takeover} to demotion: it takes events
 * (ingest ports and the apps' sources), snapshots them ({@link TermSnapshots}), keeps the passive in sync (and its
 * hot standby's state checked, {@link TermDigests}), and ends at once when fenced.
 */
final class ActiveTerm implements IngestTarget, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActiveTerm.class);
    private static final long PERSIST_CHECK_MS = 10;
    /** How often the journal's fill is read for the intake's pace and the heap guard, off the intake path. */
    private static final long JOURNAL_CHECK_MS = 10;
    /**
     * How often the passive hears what the sinks' receivers took: the outputs a takeover sends again are those
     * delivered in the last such interval before the kill (plus any in flight).
     */
    private static final long DELIVERED_MARKS_MS = 20;

    private final long epoch;
    private final NodeServices services;
    private final SiddhiEngine engine;
    private final AckTracker acks;
    private final SyncClient sync;
    private final ActivePipeline pipeline;
    private final IntakePacer pacer;
    private final Consumer<NodeTrouble> onTrouble;
    private final ScheduledExecutorService background;
    /**
     * The delivered marks' own thread: on the background thread a snapshot hung on a lost database held them back, and
     * a takeover then delivered again everything the old active had delivered meanwhile (23 alerts in a fault test).
     */
    private final ScheduledExecutorService marks;
    private volatile HttpServer ingest;
    private volatile BinaryIngestServer binaryIngest;
    /** Set once the term stops taking events ({@link #stopServing()}); it never serves again. */
    private volatile boolean closed;
    /** Guards {@link #stopServing()}, which the fencing thread and the closing one may both call. */
    private final Object stopLock = new Object();

    private final TermSnapshots snapshots;
    /** Present when the passive runs a hot standby, which compares its state with this term's digests. */
    private final Optional<TermDigests> digests;
    /** The journal's fill as last read ({@link #JOURNAL_CHECK_MS}), 0 to 100. */
    private volatile int journalFillPercent;

    ActiveTerm(long epoch, NodeServices services, SiddhiEngine engine, AckTracker acks, SyncClient sync,
                       RecentEventIds ids, long snapshotSeq, Runnable onFenced, Consumer<NodeTrouble> onTrouble) {
        this.epoch = epoch;
        this.services = services;
        this.engine = engine;
        this.acks = acks;
        this.sync = sync;
        this.pipeline = new ActivePipeline(engine, sync::replicate, acks, ids, snapshotSeq);
        this.pacer = new IntakePacer(() -> journalFillPercent);
        this.onTrouble = onTrouble;
        this.snapshots = new TermSnapshots(epoch, services, pipeline, acks, sync, () -> {
            stopServing(); // a newer term holds the state: its node may be serving already
            onFenced.run();
        });
        this.digests = services.standby().hot()
                ? Optional.of(new TermDigests(pipeline, sync, services.config().persistence().intervalMs()))
                : Optional.empty();
        this.background = singleThread("siha-active-" + epoch);
        this.marks = singleThread("siha-delivered-marks-" + epoch);
    }

    private static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Replays, in order and with their original numbers, the events the previous active sequenced. */
    void replay(List<SyncEvent> events) {
        pipeline.replay(events);
    }

    /**
     * Starts serving once the takeover's own snapshot is written: outputs may go out, the term's background work
     * runs, and the apps' sources deliver here. The ports open after this.
     */
    void startServing() {
        snapshots.firstAcksNeedNotWait();
        services.outputGate().open();
        startBackgroundWork();
        services.sources().attach(this);
    }

    void httpIngestOpened(HttpServer http) {
        ingest = http;
    }

    void binaryIngestOpened(BinaryIngestServer binary) {
        binaryIngest = binary;
    }

    @Override
    public StreamInput input(String app, String stream) {
        return engine.input(app, stream);
    }

    @Override
    public List<Object[]> query(String app, String storeQuery) {
        return pipeline.query(app, storeQuery);
    }

    @Override
    public CompletableFuture<Void> submit(InputSource source, List<IncomingEvent> events) {
        if (closed) {
            // A request on a connection accepted before the term ended: refuse it, the client retries elsewhere.
            return CompletableFuture.failedFuture(new IllegalStateException("node is no longer active (epoch "
                    + epoch + " ended)"));
        }
        Optional<String> outgrown = services.heap().refusal();
        if (outgrown.isPresent()) {
            services.heap().refused(events.size());
            return CompletableFuture.failedFuture(new IntakePausedException(outgrown.get()));
        }
        Optional<String> backlog = engine.outputBacklogRefusal();
        if (backlog.isPresent()) {
            return CompletableFuture.failedFuture(new IntakePausedException(backlog.get()));
        }
        if (!pipeline.onApplyThread()) {
            pacer.pace(events.size());
        }
        services.meters().eventsIn().count(source, events);
        return pipeline.submit(events, source.isAppSource());
    }

    long epoch() {
        return epoch;
    }

    long lastSeq() {
        return pipeline.lastSeq();
    }

    long lastRevision() {
        return snapshots.lastRevision();
    }

    long lastPersistedSeq() {
        return snapshots.lastPersistedSeq();
    }

    /** Outputs of the apps' sinks waiting for their receivers. */
    long outputsPending() {
        return engine.outputsPending();
    }

    /** Events taken and not yet applied. */
    long applyBacklog() {
        return pipeline.applyBacklog();
    }

    /** How long ago this term's last snapshot was written: it grows without bound while snapshots fail. */
    long snapshotAgeMs() {
        return snapshots.ageMs();
    }

    boolean peerConnected() {
        return sync.connected();
    }

    /** Acknowledgements wait for snapshots because no passive holds the events. */
    boolean degraded() {
        return !sync.connected();
    }

    boolean ready() {
        return !closed && ingest != null && binaryIngest != null;
    }

    /**
     * A planned handover (SIGTERM or the operator's step-down): stop taking events, persist everything taken,
     * tell the passive, and wait for the last acknowledgements. The caller then releases the lease.
     */
    void handOver(Duration timeout) {
        services.sources().detach(this);
        closeIngest();
        try {
            persistOrThrow();
        } catch (SQLException | StaleEpochException e) {
            log.warn("final snapshot of epoch {} failed; the passive replays from its queue: {}", epoch, e.toString());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acks.waiting() > 0 && System.nanoTime() < deadline) {
            sleepQuietly(10);
        }
    }

    private void startBackgroundWork() {
        long heartbeatMs = services.config().heartbeat().intervalMs();
        background.scheduleWithFixedDelay(SurvivingTask.of("snapshots of epoch " + epoch, snapshots::persistIfDue),
                PERSIST_CHECK_MS, PERSIST_CHECK_MS, TimeUnit.MILLISECONDS);
        marks.scheduleWithFixedDelay(SurvivingTask.of("journal watch of epoch " + epoch, this::readJournal),
                0, JOURNAL_CHECK_MS, TimeUnit.MILLISECONDS);
        digests.ifPresent(d -> background.scheduleWithFixedDelay(SurvivingTask.of("state digests of epoch " + epoch,
                d::sendIfDue), TermDigests.CHECK_MS, TermDigests.CHECK_MS, TimeUnit.MILLISECONDS));
        background.scheduleWithFixedDelay(SurvivingTask.of("peer lookup of epoch " + epoch, this::connectToPeer),
                0, heartbeatMs, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(SurvivingTask.of("trouble report of epoch " + epoch, this::reportTrouble),
                heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        marks.scheduleWithFixedDelay(SurvivingTask.of("delivered marks of epoch " + epoch,
                () -> sync.delivered(DeliveredMarks.fromOutputIds(engine.deliveredMarks()))),
                DELIVERED_MARKS_MS, DELIVERED_MARKS_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The journal's fill and bytes, for the intake's pace and the heap guard's replay share: read here, not on every
     * batch, where it took the journal's lock twice more. On the marks' thread, which a snapshot hung on the database
     * does not hold up.
     */
    private void readJournal() {
        journalFillPercent = sync.journalFillPercent();
        services.heap().awaitingReplay(sync.journalBytes());
    }

    void persistOrThrow() throws SQLException, StaleEpochException {
        snapshots.persistOrThrow();
    }

    /**
     * A takeover from a hot standby whose state the latest snapshot covers already: nothing needs persisting, and a
     * new passive starts from that snapshot.
     */
    void continuesFrom(SnapshotPosition latest) {
        snapshots.continuesFrom(latest);
    }

    /**
     * Tells the pod what goes wrong: snapshots failing for three persistence intervals (at least a second) in a row,
     * events refused for memory. The publisher writes only changes.
     */
    private void reportTrouble() {
        Duration after = services.config().persistence().interval().multipliedBy(3);
        onTrouble.accept(new NodeTrouble(snapshots.failingSince(after.compareTo(Duration.ofSeconds(1)) > 0
                ? after : Duration.ofSeconds(1)), services.heap().refusal()));
    }

    private void connectToPeer() {
        try {
            long leaseMs = services.config().heartbeat().lease().toMillis();
            Optional<Member> peer = services.leases().members().stream()
                    .filter(m -> !m.nodeId().equals(services.config().nodeId()))
                    .filter(m -> m.heartbeatAge().toMillis() < leaseMs && m.address().syncPort() > 0)
                    .findFirst();
            sync.connectTo(peer.map(m -> new InetSocketAddress(m.address().host(), m.address().syncPort()))
                    .orElse(null));
        } catch (SQLException | RuntimeException e) {
            log.debug("cannot look up the passive's address: {}", e.toString());
        }
    }

    private void closeIngest() {
        HttpServer server = ingest;
        if (server != null) {
            server.close();
        }
        BinaryIngestServer binary = binaryIngest;
        if (binary != null) {
            binary.close();
        }
    }

    /**
     * Stops taking events and releasing outputs: the sources detached, the output gate and the ingest ports closed.
     * Called where the lease was found to end, ahead of {@link #close()}, which calls it too; the first call does it.
     * Done once even when the node has started a newer term meanwhile, whose output gate this must not close.
     */
    void stopServing() {
        synchronized (stopLock) {
            if (closed) {
                return;
            }
            closed = true;
            long started = System.nanoTime();
            services.sources().detach(this);
            services.outputGate().close();
            closeIngest();
            log.info("epoch {} stopped taking events and releasing outputs ({} ms to close its ports)", epoch,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** Ends the term at once: ports closed, output stopped, waiting clients told to retry elsewhere. */
    @Override
    public void close() {
        stopServing();
        background.shutdownNow();
        marks.shutdownNow();
        acks.failAll(new IllegalStateException("node is no longer active (epoch " + epoch + " ended)"));
        services.heap().awaitingReplay(0);
        sync.close();
        pipeline.close();
        engine.close();
        log.info("active term epoch {} closed at seq {}", epoch, pipeline.lastSeq());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
