package io.siha.node.ha;

import io.siha.api.NodeEnv;
import io.siha.api.v1alpha1.StandbyMode;
import io.siha.node.cluster.LeaderElection;
import io.siha.node.cluster.RoleChange;
import io.siha.node.cluster.RoleListener;
import io.siha.node.crash.FatalErrors;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.k8s.NodeTrouble;
import io.siha.node.k8s.RolePublisher;
import io.siha.node.k8s.StateReport;
import io.siha.node.logging.NodeLogContext;
import io.siha.node.memory.HeapGuard;
import io.siha.node.metrics.LatencyDistribution;
import io.siha.node.metrics.NodeMeters;
import io.siha.node.rest.NodeStatus;
import io.siha.node.sync.PassiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Turns role changes of the election into the node's behaviour: on becoming active it takes over (and only
 * then publishes "active" on its pod, so the Service never routes to a node whose ports are still closed); on
 * losing the lease it closes its ports at once and becomes passive again. Role changes arrive one at a time, in
 * order, on the election's dispatch thread.
 */
public final class NodeController implements RoleListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeController.class);

    private final NodeServices services;
    private final PassiveSide passive;
    private final StandbyEngine standby;
    /** Null when this node runs cold: asked to, or its apps need it ({@link #coldReason}). */
    private final Supplier<SiddhiEngine> hotStandbyFactory;
    private final String coldReason;
    /** The hot standby of the current passive phase, if one runs. */
    private Optional<HotStandby> hot = Optional.empty();
    /** What the hot standbys of earlier passive phases counted. */
    private StandbyCounts hotCountsBefore = StandbyCounts.NONE;
    private final RolePublisher publisher;
    private LeaderElection election;
    private ActiveTerm term;
    private long lastEpoch;
    /** What the last takeover found of the persisted state; for the pod and /v1/status. */
    private volatile StateReport stateReport = StateReport.NONE;

    public NodeController(NodeServices services, RolePublisher publisher) {
        this.services = services;
        this.publisher = publisher;
        this.passive = new PassiveSide(services.syncSettings(), services.config().bindHost(),
                services.config().ports().sync());
        Supplier<SiddhiEngine> runtimes = () -> SiddhiEngine.create(services.apps(), services.outputGate(),
                services.sources(), services.extensions(), services.meters().sinks());
        this.standby = new StandbyEngine(runtimes);
        StandbyPlan plan = services.standby();
        if (plan.coldReason() != null) {
            log.warn("{}={}, but {}: a replay of its events cannot reproduce its state, so this node runs a cold"
                    + " standby", NodeEnv.STANDBY_MODE, StandbyMode.HOT.nodeValue(), plan.coldReason());
        }
        this.coldReason = plan.coldReason();
        this.hotStandbyFactory = plan.hot() ? runtimes : null;
        for (TakeoverStep step : TakeoverStep.values()) {
            services.meters().takeovers().expectStep(step.label());
        }
    }

    /** Starts as passive, bound to {@code election} for lease checks and step-downs. */
    public void start(LeaderElection election) {
        this.election = election;
        passive.start(0);
        standBy();
        CompletableFuture.runAsync(this::warmUpPeerCheck);
    }

    /**
     * A passive reads no member rows until its first takeover checks its peer's ({@link QueueHistory}); reading them
     * once now spares that takeover the parser's and the statement's first use: 22 ms at p50 over 101 takeovers of
     * freshly started nodes.
     */
    /** Prepares for the next takeover: the cold runtime made ahead, and a hot standby when this node runs one. */
    private void standBy() {
        standby.prepare();
        if (hotStandbyFactory != null) {
            HotStandby started = new HotStandby(hotStandbyFactory, services.snapshots()::latest, passive.queue(),
                    Takeover.RECENT_IDS);
            started.start();
            synchronized (this) {
                hot = Optional.of(started);
            }
        }
    }

    /** Ends the hot standby of the passive phase that just ended: a takeover took its runtime, or it is closed. */
    private void endHotStandby() {
        Optional<HotStandby> ended;
        synchronized (this) {
            ended = hot;
            hot = Optional.empty();
        }
        ended.ifPresent(standbyEnded -> {
            standbyEnded.close();
            synchronized (this) {
                hotCountsBefore = hotCountsBefore.plus(standbyEnded.counts());
            }
        });
    }

    private void warmUpPeerCheck() {
        try {
            services.leases().ensureSchema(); // idempotent, and the election may not have created the tables yet
            services.leases().members();
            services.snapshots().ensureSchema();
        } catch (Exception e) {
            log.debug("member rows not read ahead of a takeover: {}", e.toString());
        }
    }

    /** The long-lived collaborators this controller's terms use. */
    public NodeServices services() {
        return services;
    }

    /** For the election's succession rule: the epoch of the active this node last took events from. */
    public long syncedEpoch() {
        return passive.syncedEpoch();
    }

    @Override
    public void onRoleChange(RoleChange change) {
        if (change instanceof RoleChange.BecameActive active) {
            becomeActive(active);
        } else {
            becomePassive((RoleChange.BecamePassive) change);
        }
    }

    private void becomeActive(RoleChange.BecameActive change) {
        long epoch = change.epoch();
        NodeLogContext.role("active", epoch); // the takeover's own lines belong to the term it starts
        passive.stop();
        try {
            List<String> discarded = new ArrayList<>(1);
            ActiveTerm started;
            try {
                started = Takeover.run(epoch, services, passive.queue(), new Standbys(standby, currentHotStandby()),
                        () -> holdsLease(epoch), new TermCallbacks(this::fenced, publisher::publishTrouble,
                                discarded::add));
            } finally {
                endHotStandby();
            }
            report(discarded.isEmpty() ? StateReport.NONE : StateReport.discarded(discarded.get(0)));
            synchronized (this) {
                term = started;
                lastEpoch = epoch;
            }
            if (!holdsLease(epoch)) { // ended as its ports opened: onLeaseEnded may have found no term yet
                started.stopServing();
            }
            publisher.onRoleChange(change);
        } catch (TakeoverAbandonedException e) {
            services.meters().takeovers().abandoned();
            e.incompatibleState().ifPresent(refused -> report(StateReport.refused(refused)));
            log.error("takeover of epoch {} abandoned: {}", epoch, e.getMessage(), e.getCause());
            NodeLogContext.role("passive", epoch);
            election.stepDown(holdOffAfterAbandoning(epoch));
            passive.start(epoch + 1);
            standBy();
        }
    }

    /**
     * The lease ran out or was taken: the term stops taking events now, on the election's thread, while its
     * {@link RoleChange.BecamePassive} may wait on the dispatch thread (the peer can be serving before then).
     */
    @Override
    public void onLeaseEnded(long epoch) {
        ActiveTerm current;
        synchronized (this) {
            current = term;
        }
        if (current != null && current.epoch() == epoch) {
            current.stopServing();
        }
    }

    private NodeStatus.PersistedState persistedState() {
        StateReport report = stateReport;
        return new NodeStatus.PersistedState(report.refused().orElse(null), report.discarded().orElse(null));
    }

    private void report(StateReport report) {
        stateReport = report;
        publisher.publishStateReport(report);
    }

    /**
     * Whom the lease goes to after an abandoned takeover. If the queue still holds events no snapshot covers, they
     * are that term's whole state beyond its snapshot and no other node has them: this node keeps them, counts as in
     * sync with the term it abandoned, and tries again after one heartbeat, sooner than an unsynced peer may
     * contend. Otherwise it stays out of the race for two leases, so the peer can try.
     */
    private Duration holdOffAfterAbandoning(long epoch) {
        PassiveQueue queue = passive.queue();
        if (queue.uncoveredEventsThrough() > 0) {
            queue.heldBy(epoch);
            log.warn("keeping {} queued events through seq {} that no snapshot covers; trying again in one heartbeat",
                    queue.size(), queue.uncoveredEventsThrough());
            return services.config().heartbeat().interval();
        }
        return services.config().heartbeat().lease().multipliedBy(2);
    }

    /** For the member row: the last seq of the events this node holds that no snapshot is known to cover (0: none). */
    public long heldEventsThrough() {
        return passive.queue().uncoveredEventsThrough();
    }

    private void becomePassive(RoleChange.BecamePassive change) {
        NodeLogContext.role("passive", change.epoch());
        ActiveTerm ended;
        synchronized (this) {
            ended = term;
            term = null;
        }
        if (ended != null) {
            try {
                ended.close();
            } catch (Throwable e) { // the passive side must start whatever the closing did: it holds the next events
                FatalErrors.haltIfFatal("closing term epoch " + ended.epoch(), e);
                log.error("closing term epoch {} failed", ended.epoch(), e);
            }
        }
        publisher.publishTrouble(NodeTrouble.NONE); // a passive writes no snapshots and refuses nothing
        passive.start(change.epoch() + 1); // whoever is active now holds a newer lease than the term that ended
        standBy();
        publisher.onRoleChange(change);
    }

    /** The persistence database knows a newer epoch: this node's term is over whatever the lease says. */
    private void fenced() {
        election.stepDown(Duration.ZERO);
    }

    private boolean holdsLease(long epoch) {
        return election.activeEpoch().orElse(0) == epoch;
    }

    /**
     * Planned handover (SIGTERM, or the operator's step-down annotation): persist, hand the last sequence to the
     * passive, release the lease and stay passive for {@code holdOff}. Returns at once when passive.
     */
    public void handOver(Duration holdOff) {
        handOver(holdOff, Duration.ZERO);
    }

    /**
     * The same, once a passive is connected, waiting up to {@code awaitPassive} for one: a step-down the operator asks
     * for as soon as a new passive pod runs can come before that node has parsed its apps and joined the election,
     * and handing over to nobody only pauses the pair until this node wins the lease back.
     */
    public void handOver(Duration holdOff, Duration awaitPassive) {
        ActiveTerm current;
        synchronized (this) {
            current = term;
        }
        if (current == null) {
            return;
        }
        long deadline = System.nanoTime() + awaitPassive.toNanos();
        while (!current.peerConnected() && System.nanoTime() - deadline < 0 && isCurrent(current)) {
            sleepQuietly(20);
        }
        if (!current.peerConnected()) {
            log.warn("planned handover of epoch {} with no passive connected: the pair pauses until a node takes the"
                    + " lease", current.epoch());
        }
        log.info("planned handover of epoch {}", current.epoch());
        current.handOver(services.config().heartbeat().lease());
        election.stepDown(holdOff);
    }

    private synchronized boolean isCurrent(ActiveTerm candidate) {
        return term == candidate;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the runtime made ahead for a takeover that will not come; the election has been left already. */
    @Override
    public void close() {
        endHotStandby();
        standby.close();
    }

    private synchronized Optional<HotStandby> currentHotStandby() {
        return hot;
    }

    private synchronized NodeStatus.Standby standbyStatus() {
        if (hotStandbyFactory == null) {
            return new NodeStatus.Standby("cold", -1, 0, 0, 0, coldReason);
        }
        StandbyCounts counts = hotCountsBefore.plus(hot.map(HotStandby::counts).orElse(StandbyCounts.NONE));
        return new NodeStatus.Standby("hot", hot.map(HotStandby::appliedSeq).orElse(-1L), counts.resyncs(),
                counts.digestsMatched(), counts.divergences(), null);
    }

    public synchronized NodeStatus status() {
        PassiveQueue queue = passive.queue();
        NodeMeters meters = services.meters();
        long eventsIn = meters.eventsIn().total();
        long abandoned = meters.takeovers().abandonedCount();
        LatencyDistribution ackWait = meters.ackWait().distribution();
        long failedSnapshots = meters.snapshots().failures();
        long lostEvents = (long) meters.lostEvents().count();
        String nodeId = services.config().nodeId();
        HeapGuard heap = services.heap();
        NodeStatus.Memory memory = new NodeStatus.Memory(heap.liveAfterGcBytes(), heap.maxHeapBytes(),
                heap.refusal().orElse(null), heap.refusedEvents());
        if (term != null) {
            return new NodeStatus(nodeId, "active", term.epoch(), term.ready(), term.degraded(), term.lastSeq(),
                    0, queue.capacity(), term.lastRevision(), term.lastPersistedSeq(), term.peerConnected(),
                    eventsIn, abandoned, ackWait, term.snapshotAgeMs(), failedSnapshots, lostEvents, memory,
                    term.outputsPending(), term.applyBacklog(), persistedState(), standbyStatus());
        }
        return new NodeStatus(nodeId, "passive", Math.max(lastEpoch, passive.syncedEpoch()), false, false,
                queue.lastSeq(), queue.size(), queue.capacity(), 0, queue.persistedSeq(), passive.connected(),
                eventsIn, abandoned, ackWait, -1, failedSnapshots, lostEvents, memory, 0, 0, persistedState(),
                standbyStatus());
    }
}
