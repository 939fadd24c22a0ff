package io.siha.node.cluster;

import io.siha.node.cluster.RoleChange.BecameActive;
import io.siha.node.cluster.RoleChange.BecamePassive;
import io.siha.node.cluster.RoleChange.Reason;
import io.siha.node.config.HeartbeatSettings;
import io.siha.node.crash.FatalErrors;
import io.siha.node.crash.SurvivingTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The database-heartbeat election of one node (the source document's WSO2_CLUSTER_DB election, made safe).
 *
 * <p>Every heartbeat the node refreshes its member row and, if passive, tries to take the leader lease (which
 * succeeds only once the holder's lease has ended by the database's clock) or, if active, renews it. A passive
 * that finds the lease held asks the database when it ends and tries again right then if that comes before its
 * next heartbeat: a failover then takes the lease plus a few milliseconds, not plus up to a whole heartbeat.
 *
 * <p>Fencing: the active must never outlive its lease. Before each renewal it notes its monotonic clock
 * {@code t0}; the database grants the lease until at least {@code t0 + lease}, since its {@code now()} comes after
 * {@code t0}. So the active drops to passive at {@code t0 + lease - margin} of the last successful renewal, on a
 * timer thread that does not depend on the database answering, before anybody else can possibly take over. The
 * listeners hear of it on that thread at once ({@link RoleListener#onLeaseEnded}), not only in their turn.
 *
 * <p>Role changes go to the listeners in order, on one dispatch thread, so a slow listener delays neither the
 * heartbeat nor the fencing timer.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    private static final long PASSIVE = 0;
    /**
     * How long past a lease and a grace an unsynced node waits for its peer after a database outage: a connection
     * pool that kept failing reconnects with a backoff (HikariCP's grows to 5 s), so the peer may get through later.
     */
    private static final Duration OUTAGE_HOLD_OFF = Duration.ofSeconds(5);
    private static final long LEASE_END_STEP_MS = 2;

    private final LeaseStore store;
    private final String nodeId;
    private final MemberAddress address;
    private final HeartbeatSettings timing;
    private final List<RoleListener> listeners;
    private final Succession succession;

    /** Runs the database statements, one at a time. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            daemon("siha-election"));
    /** Fires at the fencing deadline, whatever the worker is blocked on. */
    private final ScheduledExecutorService fenceTimer = Executors.newSingleThreadScheduledExecutor(
            daemon("siha-fence"));
    /** Calls listeners in the order the changes happened. */
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(daemon("siha-roles"));

    // Guarded by this.
    private long activeEpoch = PASSIVE;
    private long fenceAtNanos;
    private ScheduledFuture<?> fenceTask;
    private boolean closed;
    private long contendAfterNanos = System.nanoTime();

    // Touched by the worker thread only.
    private boolean schemaReady;
    private boolean databaseFailing;
    private long recoveredAtNanos = System.nanoTime() - Duration.ofDays(1).toNanos();

    public LeaderElection(LeaseStore store, String nodeId, MemberAddress address, HeartbeatSettings timing,
                          List<RoleListener> listeners) {
        this(store, nodeId, address, timing, listeners, Succession.ANY);
    }

    public LeaderElection(LeaseStore store, String nodeId, MemberAddress address, HeartbeatSettings timing,
                          List<RoleListener> listeners, Succession succession) {
        this.store = store;
        this.nodeId = nodeId;
        this.address = address;
        this.timing = timing;
        this.listeners = List.copyOf(listeners);
        this.succession = succession;
    }

    /** Starts heartbeating at once; returns immediately. The node is passive until told otherwise. */
    public void start() {
        log.info("node {} joins election group {} (heartbeat {} ms, lease {} ms)", nodeId, store.clusterGroup(),
                timing.intervalMs(), timing.lease().toMillis());
        worker.execute(SurvivingTask.of("election heartbeat", this::tick));
    }

    /** The epoch of the term this node is active in, or empty while passive. */
    public synchronized OptionalLong activeEpoch() {
        return activeEpoch == PASSIVE ? OptionalLong.empty() : OptionalLong.of(activeEpoch);
    }

    public String nodeId() {
        return nodeId;
    }

    private void tick() {
        Duration next = timing.interval();
        try {
            if (!schemaReady) {
                store.ensureSchema();
                schemaReady = true;
            }
            long epoch = currentEpoch();
            if (epoch == PASSIVE) {
                next = tryToLead();
            } else {
                renew(epoch);
            }
            store.heartbeat(nodeId, address, succession.heldEventsThrough().getAsLong());
            recovered();
        } catch (SQLException | RuntimeException e) {
            failed(e);
            if (currentEpoch() != PASSIVE) {
                // The lease allows maxRetries missed renewals; retry well inside one interval to use them.
                next = timing.interval().dividedBy(4);
            }
        } finally {
            scheduleNext(next);
        }
    }

    /** Tries to take the lease; returns when to look again. */
    private Duration tryToLead() throws SQLException {
        long t0 = System.nanoTime();
        if (holdingOff()) {
            return timing.interval(); // stepped down a moment ago: let the peer take over
        }
        Succession rule = waitForPeerAfterOutage(t0) ? patient() : succession;
        OptionalLong won = store.tryAcquire(nodeId, timing.lease(), rule);
        if (won.isEmpty()) {
            return nextTry(rule);
        }
        long epoch = won.getAsLong();
        String refusal;
        synchronized (this) {
            long fenceAt = t0 + timing.lease().minus(timing.fenceMargin()).toNanos();
            if (!closed && System.nanoTime() - fenceAt < 0) {
                activeEpoch = epoch;
                armFence(fenceAt);
                log.info("node {} is ACTIVE, epoch {}", nodeId, epoch);
                dispatch(new BecameActive(epoch));
                return timing.interval();
            }
            refusal = closed ? "the node is shutting down" : "its fencing deadline had already passed";
        }
        // Never announce such a term, and hand it back so the peer need not wait for it to run out.
        log.warn("took lease epoch {} but {}; releasing it", epoch, refusal);
        store.release(nodeId, epoch);
        return timing.interval();
    }

    /**
     * The next heartbeat, or the moment the held lease ends for this node if that is sooner. The statement
     * compares with a strict {@code <}, hence the small step past the end.
     */
    private Duration nextTry(Succession rule) throws SQLException {
        OptionalLong untilMs = store.untilContendable(rule);
        if (untilMs.isEmpty() || untilMs.getAsLong() + LEASE_END_STEP_MS >= timing.intervalMs()) {
            return timing.interval();
        }
        return Duration.ofMillis(Math.max(1, untilMs.getAsLong() + LEASE_END_STEP_MS));
    }

    /**
     * Whether this node should wait for its peer after a cluster database outage. After an outage the lease has
     * long ended, so the succession's grace (counted from the lease's end) no longer favours the passive that holds
     * the last active's events: whichever node reached the database first would win, and if that was the deposed
     * active, it would restore the last snapshot without those events and lose them. So until the peer has been
     * heard from since this node got the database back (and so had its turn to take the lease), or for at most
     * {@link #OUTAGE_HOLD_OFF} past a lease and a grace, an unsynced node does not contend at all.
     */
    private boolean waitForPeerAfterOutage(long nowNanos) throws SQLException {
        if (succession.unsyncedGrace().isZero()) {
            return false;
        }
        if (databaseFailing) {
            return true; // this very tick is the first to get through
        }
        long sinceRecovery = nowNanos - recoveredAtNanos;
        if (sinceRecovery >= timing.lease().plus(succession.unsyncedGrace()).plus(OUTAGE_HOLD_OFF).toNanos()) {
            return false;
        }
        return store.members().stream().noneMatch(m -> !m.nodeId().equals(nodeId)
                && m.heartbeatAge().toNanos() < sinceRecovery);
    }

    /** The succession rule with no end to the unsynced node's wait: only a node in sync may take the lease. */
    private Succession patient() {
        return succession.withGrace(Duration.ofDays(365));
    }

    private void renew(long epoch) throws SQLException {
        long t0 = System.nanoTime();
        boolean renewed = store.renew(nodeId, epoch, timing.lease());
        synchronized (this) {
            if (activeEpoch != epoch) {
                return; // fenced while the statement ran: that term is over whatever the database said
            }
            if (renewed && System.nanoTime() - fenceAtNanos < 0) {
                armFence(t0 + timing.lease().minus(timing.fenceMargin()).toNanos());
                return;
            }
            if (!renewed) {
                endTerm(Reason.LEASE_LOST, "the database reports lease epoch " + epoch + " ended or taken over");
            } else {
                endTerm(Reason.RENEWAL_TIMED_OUT, "the renewal answered after the fencing deadline");
            }
        }
        leaseEnded(epoch);
    }

    private void fenceIfDue(long epoch) {
        synchronized (this) {
            if (activeEpoch != epoch) {
                return;
            }
            long early = fenceAtNanos - System.nanoTime();
            if (early > 0) {
                fenceTask = fenceTimer.schedule(fenceCheck(epoch), early, TimeUnit.NANOSECONDS);
                return;
            }
            endTerm(Reason.RENEWAL_TIMED_OUT, fenceDetail(-early));
        }
        leaseEnded(epoch);
    }

    /**
     * Why the fence ended the term, and how late its timer fired. Later than the margin means a process starved of
     * CPU, and the peer may be serving already: the log says so, since nothing else would.
     */
    private String fenceDetail(long lateNanos) {
        long lateMs = TimeUnit.NANOSECONDS.toMillis(lateNanos);
        long marginMs = timing.fenceMargin().toMillis();
        return "lease not renewed within " + (timing.lease().toMillis() - marginMs) + " ms; fencing before it can be"
                + " taken over; the timer " + lateMs + " ms late" + (lateMs < marginMs ? ""
                : ", past the " + marginMs + " ms margin: the peer may be serving already");
    }

    /** Tells the listeners on this thread, outside the lock: see {@link RoleListener#onLeaseEnded}. */
    private void leaseEnded(long epoch) {
        tellEach("the end of lease epoch " + epoch, listener -> listener.onLeaseEnded(epoch), () -> { });
    }

    private void armFence(long fenceAt) {
        fenceAtNanos = fenceAt;
        if (fenceTask != null) {
            fenceTask.cancel(false);
        }
        long epoch = activeEpoch;
        fenceTask = fenceTimer.schedule(fenceCheck(epoch), fenceAt - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private Runnable fenceCheck(long epoch) {
        return SurvivingTask.of("fencing deadline of epoch " + epoch, () -> fenceIfDue(epoch));
    }

    private void endTerm(Reason reason, String detail) {
        long epoch = activeEpoch;
        activeEpoch = PASSIVE;
        if (fenceTask != null) {
            fenceTask.cancel(false);
            fenceTask = null;
        }
        log.warn("node {} is PASSIVE, epoch {} ended: {} ({})", nodeId, epoch, reason, detail);
        dispatch(new BecamePassive(epoch, reason, detail));
    }

    private void dispatch(RoleChange change) {
        dispatcher.execute(() -> tellEach(change, listener -> listener.onRoleChange(change),
                () -> listenerFailed(change)));
    }

    /** Tells each listener in turn; one that fails is logged and {@code onFailure} runs, and the rest still hear. */
    private void tellEach(Object what, Consumer<RoleListener> tell, Runnable onFailure) {
        for (RoleListener listener : listeners) {
            try {
                tell.accept(listener);
            } catch (Throwable failure) {
                FatalErrors.haltIfFatal("role listener " + listener + " on " + what, failure);
                log.error("role listener {} failed on {}", listener, what, failure);
                onFailure.run();
            }
        }
    }

    /**
     * Holding the lease is a promise to serve; a node whose role machinery failed to start its term cannot keep it.
     * It gives the lease back and keeps out of the race for two leases, so the peer takes over.
     */
    private void listenerFailed(RoleChange change) {
        long epoch;
        synchronized (this) {
            if (!(change instanceof BecameActive) || activeEpoch != change.epoch()) {
                return;
            }
            epoch = activeEpoch;
            contendAfterNanos = System.nanoTime() + timing.lease().multipliedBy(2).toNanos();
            endTerm(Reason.LISTENER_FAILED, "the node could not start serving term " + epoch);
        }
        releaseLater(epoch, "its term could not start");
    }

    private synchronized boolean holdingOff() {
        return System.nanoTime() - contendAfterNanos < 0;
    }

    private synchronized long currentEpoch() {
        return activeEpoch;
    }

    private synchronized void scheduleNext(Duration delay) {
        if (!closed) {
            worker.schedule(SurvivingTask.of("election heartbeat", this::tick), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void failed(Exception e) {
        if (!databaseFailing) {
            databaseFailing = true;
            log.warn("cluster database unreachable or failing, retrying: {}", withCause(e));
        } else {
            log.debug("cluster database still failing: {}", withCause(e));
        }
    }

    /**
     * The pool's "connection is not available" says nothing of why; its cause does (a refused login, an unknown
     * host), and without it a wrong password looks like a slow database.
     */
    private static String withCause(Exception e) {
        return e.getCause() == null ? e.toString() : e + " (cause: " + e.getCause() + ")";
    }

    private void recovered() {
        if (databaseFailing) {
            databaseFailing = false;
            recoveredAtNanos = System.nanoTime();
            log.info("cluster database reachable again");
        }
    }

    /**
     * A planned handover: an active node drops to passive (listeners are told), ends its lease in the database and
     * does not contend again for {@code holdOff}, so the peer takes over at its next heartbeat. The caller has
     * already persisted and handed its last sequence to the peer.
     */
    public void stepDown(Duration holdOff) {
        long epoch;
        synchronized (this) {
            epoch = activeEpoch;
            contendAfterNanos = System.nanoTime() + holdOff.toNanos();
            if (epoch == PASSIVE) {
                return;
            }
            endTerm(Reason.RELEASED, "planned handover");
        }
        releaseLater(epoch, "a planned handover");
    }

    private void releaseLater(long epoch, String why) {
        worker.execute(SurvivingTask.of("release of lease epoch " + epoch, () -> {
            try {
                store.release(nodeId, epoch);
                log.info("released lease epoch {} for {}", epoch, why);
            } catch (SQLException e) {
                log.warn("could not release lease epoch {}; it ends by itself: {}", epoch, e.toString());
            }
        }));
    }

    /**
     * Leaves the election: an active node drops to passive (listeners are told), then ends its lease in the
     * database so the peer takes over at its next heartbeat rather than after a full lease. Waits until the
     * listeners have been told.
     */
    @Override
    public void close() {
        long epoch;
        synchronized (this) {
            closed = true;
            epoch = activeEpoch;
            if (epoch != PASSIVE) {
                endTerm(Reason.RELEASED, "node shutting down");
            }
        }
        worker.shutdown();
        awaitQuietly(worker);
        try {
            if (epoch != PASSIVE && store.release(nodeId, epoch)) {
                log.info("released lease epoch {}", epoch);
            }
            store.leave(nodeId);
        } catch (SQLException | RuntimeException e) {
            log.warn("could not release the lease or member row; the lease ends by itself: {}", e.toString());
        }
        fenceTimer.shutdownNow();
        dispatcher.shutdown();
        awaitQuietly(dispatcher);
    }

    private void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(timing.lease().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                log.warn("{} did not stop in time", executor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
