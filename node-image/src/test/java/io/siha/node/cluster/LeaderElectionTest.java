package io.siha.node.cluster;

import io.siha.node.config.HeartbeatSettings;
import io.siha.node.testing.Contender;
import io.siha.node.testing.RoleTimeline;
import io.siha.node.testing.RoleTimeline.Term;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two and three in-process nodes on a real PostgreSQL, each behind its own breakable TCP proxy. */
class LeaderElectionTest {

    private static final AtomicInteger GROUPS = new AtomicInteger();
    /** 200 ms x 2 retries: lease 600 ms, fencing 100 ms before it ends. */
    private static final HeartbeatSettings FAST = new HeartbeatSettings(200, 2);
    /** Scheduling and statement time allowed on top of the protocol's bound on a loaded 2-core machine. */
    private static final Duration SLACK = Duration.ofMillis(250);

    private final TestDatabase db = TestDatabase.shared();
    private final List<Contender> contenders = new ArrayList<>();
    private String group;
    private RoleTimeline timeline;

    @BeforeEach
    void freshGroup() throws SQLException {
        group = "election-" + GROUPS.incrementAndGet();
        new LeaseStore(db.dataSource(), group).ensureSchema();
        timeline = RoleTimeline.install(db.dataSource(), group);
    }

    @AfterEach
    void stopAll() throws SQLException {
        contenders.forEach(Contender::close);
        assertNoOverlappingTerms();
    }

    @Test
    void twoContendersElectExactlyOneActive() {
        startContenders(2);
        awaitExactlyOneActive();
        assertExactlyOneActiveFor(FAST.lease().multipliedBy(3));
    }

    @Test
    void threeContendersElectExactlyOneActive() {
        startContenders(3);
        awaitExactlyOneActive();
        assertExactlyOneActiveFor(FAST.lease().multipliedBy(3));
    }

    @Test
    void whenTheActiveStopsHeartbeatingAnotherTakesOverWithinLeasePlusOneHeartbeat() {
        startContenders(2);
        Contender first = awaitExactlyOneActive();
        long oldEpoch = first.activeEpoch().getAsLong();

        long killedAt = System.nanoTime();
        first.crash();
        Contender second = awaitTakeoverFrom(first);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);

        assertThat(second.activeEpoch()).hasValue(oldEpoch + 1);
        assertThat(takeover).isLessThanOrEqualTo(FAST.lease().plus(FAST.interval()).plus(SLACK));
    }

    @Test
    void aNodeWhoseRoleListenerFailsOnBecomingActiveGivesTheLeaseUpForThePeer() {
        // The first node's role machinery cannot start a term: an Error, which the dispatcher once died of while
        // the election went on renewing the lease with nobody serving.
        Contender broken = new Contender(db, group, "broken", FAST, timeline.listenerFor("broken"), change -> {
            if (change instanceof RoleChange.BecameActive) {
                throw new LinkageError("the takeover cannot run");
            }
        });
        contenders.add(broken.start());
        await().atMost(Duration.ofSeconds(10)).until(() -> timeline.terms().stream()
                .anyMatch(t -> t.nodeId().equals("broken")));
        Contender healthy = Contender.withTimeline(db, group, "healthy", FAST, timeline);
        contenders.add(healthy.start());

        await("the healthy node takes over").atMost(FAST.lease().multipliedBy(6).plus(SLACK))
                .until(() -> healthy.activeEpoch().isPresent());
        assertThat(broken.activeEpoch()).isEmpty();
        assertExactlyOneActiveFor(FAST.lease().multipliedBy(2));
        assertThat(activeContenders()).containsExactly(healthy);
    }

    @Test
    void thePassiveTakesTheLeaseTheMomentItEndsNotAtItsNextHeartbeat() throws SQLException {
        // 1000 ms heartbeats: polling alone would take the lease anywhere up to a second after it ended.
        HeartbeatSettings slow = new HeartbeatSettings(1_000, 2);
        for (int i = 0; i < 2; i++) {
            contenders.add(Contender.withTimeline(db, group, "node-" + i, slow, timeline).start());
        }
        awaitExactlyOneActive();
        LeaseStore store = new LeaseStore(db.dataSource(), group);
        // Cut the lease's holder, as the database names it, off the database: from then on its lease only runs out.
        // (Not crash(): that also closes the node's election, which waits out the cut connection for seconds.)
        String holder = store.readLease().orElseThrow().holder();
        contenders.stream().filter(c -> c.nodeId().equals(holder)).findFirst().orElseThrow().proxy().cut();
        sleep(50); // a renewal the cut caught in flight has landed by now
        Lease ended = store.readLease().orElseThrow();
        assertThat(ended.holder()).as("the crashed node's lease").isEqualTo(holder);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> store.readLease().orElseThrow().epoch() > ended.epoch());
        Lease taken = store.readLease().orElseThrow();

        assertThat(taken.epoch()).isEqualTo(ended.epoch() + 1);
        assertThat(Duration.between(ended.leaseUntil(), taken.acquiredAt()))
                .as("from the end of the crashed node's lease to the takeover, by the database's clock")
                .isPositive().isLessThan(Duration.ofMillis(100));
    }

    @Test
    void anActiveCutOffFromTheDatabaseFencesItselfBeforeThePassiveTakesOver() throws SQLException {
        startContenders(2);
        Contender first = awaitExactlyOneActive();
        first.proxy().blackhole();

        Contender second = awaitTakeoverFrom(first);
        // The listeners hear of the new term on the dispatch thread, a moment after the election switched.
        await().atMost(Duration.ofSeconds(5)).until(() -> timeline.terms().size() >= 2);
        List<Term> terms = timeline.terms();
        Term fenced = terms.get(terms.size() - 2);
        Term taken = terms.get(terms.size() - 1);
        assertThat(fenced.nodeId()).isEqualTo(first.nodeId());
        assertThat(fenced.endMicros()).as("the old active stopped before the new term began")
                .isLessThan(taken.startMicros());

        first.proxy().heal();
        assertExactlyOneActiveFor(FAST.lease().multipliedBy(2));
        assertThat(first.activeEpoch()).as("the fenced node rejoins as passive").isEmpty();
    }

    /**
     * The fence is heard on the fencing thread: a node whose dispatch thread is still busy with its term's start (a
     * slow takeover) stops serving at the deadline all the same, before the peer takes over. Heard only on the
     * dispatch thread, its term would end after the peer's began, which {@link #stopAll()} rejects.
     */
    @Test
    void aFencedActiveHearsItsLeaseEndOnTimeWhileItsListenerIsStillBusyWithTheTermsStart() throws Exception {
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch finishStarting = new CountDownLatch(1);
        List<Long> leaseEnds = new CopyOnWriteArrayList<>();
        RoleListener slowStart = new RoleListener() {
            @Override
            public void onRoleChange(RoleChange change) {
                if (change instanceof RoleChange.BecameActive) {
                    starting.countDown();
                    try {
                        finishStarting.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onLeaseEnded(long epoch) {
                leaseEnds.add(epoch);
            }
        };
        Contender slow = new Contender(db, group, "slow", FAST, slowStart, timeline.listenerFor("slow"));
        contenders.add(slow);
        slow.start();
        assertThat(starting.await(5, TimeUnit.SECONDS)).isTrue();
        long epoch = slow.activeEpoch().orElseThrow();
        Contender peer = Contender.withTimeline(db, group, "peer", FAST, timeline);
        contenders.add(peer);
        peer.start();
        try {
            slow.proxy().blackhole();
            awaitTakeoverFrom(slow);
            assertThat(leaseEnds).as("heard while the dispatch thread is still starting the term")
                    .containsExactly(epoch);
        } finally {
            finishStarting.countDown();
        }
        slow.proxy().heal();
    }

    @Test
    void anActiveWhoseConnectionsAreResetFencesItselfToo() {
        startContenders(2);
        Contender first = awaitExactlyOneActive();
        first.proxy().cut();
        awaitTakeoverFrom(first);
        first.proxy().heal();
        assertExactlyOneActiveFor(FAST.lease().multipliedBy(2));
    }

    @Test
    void aCleanStopReleasesTheLeaseSoThePeerTakesOverWithinOneHeartbeat() {
        startContenders(2);
        Contender first = awaitExactlyOneActive();
        long stoppedAt = System.nanoTime();
        first.stop();
        awaitTakeoverFrom(first);
        Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(takeover).isLessThan(FAST.lease());
    }

    @Test
    void listenersHearEveryChangeInOrderAndAListenerFailingOnATermsEndDoesNotStopTheElection() {
        // (One failing on a term's start ends that term: aNodeWhoseRoleListenerFailsOnBecomingActive...)
        List<RoleChange> heard = new CopyOnWriteArrayList<>();
        RoleListener failing = change -> {
            if (change instanceof RoleChange.BecamePassive) {
                throw new IllegalStateException("listener bug");
            }
        };
        Contender only = new Contender(db, group, "solo", FAST, failing, heard::add,
                timeline.listenerFor("solo"));
        contenders.add(only);
        only.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> only.activeEpoch().isPresent());

        only.proxy().cut();  // fenced
        await().atMost(Duration.ofSeconds(5)).until(() -> only.activeEpoch().isEmpty());
        only.proxy().heal(); // its old lease ends, it takes a new term
        await().atMost(Duration.ofSeconds(5)).until(() -> only.activeEpoch().isPresent());
        only.stop();         // released

        await().atMost(Duration.ofSeconds(2)).until(() -> heard.size() == 4);
        assertThat(heard.get(0)).isInstanceOf(RoleChange.BecameActive.class);
        assertThat(heard.get(1)).isInstanceOf(RoleChange.BecamePassive.class);
        assertThat(((RoleChange.BecamePassive) heard.get(1)).reason()).isIn(
                RoleChange.Reason.RENEWAL_TIMED_OUT, RoleChange.Reason.LEASE_LOST);
        assertThat(heard.get(2)).isInstanceOf(RoleChange.BecameActive.class);
        assertThat(((RoleChange.BecamePassive) heard.get(3)).reason()).isEqualTo(RoleChange.Reason.RELEASED);
        assertThat(heard.get(0).epoch()).isEqualTo(heard.get(1).epoch()).isLessThan(heard.get(2).epoch());
        assertThat(heard.get(2).epoch()).isEqualTo(heard.get(3).epoch());
    }

    private void startContenders(int count) {
        for (int i = 0; i < count; i++) {
            Contender c = Contender.withTimeline(db, group, "node-" + i, FAST, timeline);
            contenders.add(c);
            c.start();
        }
    }

    private Contender awaitExactlyOneActive() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> activeContenders().size() == 1);
        return activeContenders().get(0);
    }

    /** Waits until a node other than {@code previous} is the only active one. */
    private Contender awaitTakeoverFrom(Contender previous) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> activeContenders().size() == 1 && activeContenders().get(0) != previous);
        return activeContenders().get(0);
    }

    private void assertExactlyOneActiveFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        Contender first = activeContenders().get(0);
        while (System.nanoTime() < end) {
            assertThat(activeContenders()).containsExactly(first);
            sleep(20);
        }
    }

    private List<Contender> activeContenders() {
        return contenders.stream().filter(c -> c.activeEpoch().isPresent()).toList();
    }

    private void assertNoOverlappingTerms() throws SQLException {
        List<Term> terms = timeline.terms();
        for (int i = 1; i < terms.size(); i++) {
            assertThat(terms.get(i - 1).endMicros()).as("term %s ends before %s begins", terms.get(i - 1),
                    terms.get(i)).isLessThan(terms.get(i).startMicros());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
