package io.siha.node.faults;

import io.siha.api.NodeEnv;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.RoleSampler;
import io.siha.node.testing.TestDatabase;
import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.siha.node.faults.DatabaseFaultsTest.hold;
import static io.siha.node.faults.DatabaseFaultsTest.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The state table full or unreachable, under acknowledged traffic with a passive: snapshot writes fail, the passive's
 * bounded queue (which only a snapshot trims) fills, and then acknowledgements stall rather than anything being
 * dropped; once the fault heals, snapshots resume, the queue drains and acknowledgements go on. And the persistence
 * database restarting while a snapshot write is in flight. Each ends with a SIGKILL of the active, so the snapshots and
 * the passive's queue are what the count rests on, then the app's count equal to the acknowledged count and a role
 * timeline that never shows two nodes serving.
 */
class StateTableFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(StateTableFaultsTest.class);
    /** Small, so the queue fills within a second of traffic once no snapshot trims it. */
    private static final int QUEUE_CAPACITY = 300;
    private static final long PERSIST_INTERVAL_MS = 300;
    /** How long the fault lasts once the queue is full: long enough to see the acknowledgements stall. */
    private static final Duration STALLED = Duration.ofMillis(2000);
    /** An acknowledgement may still arrive for the batch in flight when the queue filled up. */
    private static final Duration LAST_ACK_GRACE = Duration.ofMillis(300);

    /** What makes snapshot writes fail, and how it is healed. */
    private interface SnapshotOutage {
        void inject() throws Exception;

        void heal() throws Exception;
    }

    @Test
    void aFullStateTableStallsAcknowledgementsOnceThePassiveQueueIsFullAndLosesNothing() throws Exception {
        try (FaultRig rig = new FaultRig("fault-state-full", PERSIST_INTERVAL_MS, queueCapacity(), false)) {
            TestDatabase db = rig.persistenceDb;
            runSnapshotOutage(rig, "state table full (disk_full on every snapshot INSERT)",
                    "every snapshot INSERT fails with 53100 (disk_full)", new SnapshotOutage() {
                public void inject() throws Exception {
                    SnapshotTableTrigger.failWithDiskFull(db);
                }

                public void heal() throws Exception {
                    SnapshotTableTrigger.remove(db);
                }
            });
        }
    }

    @Test
    void anUnreachablePersistenceDatabaseStallsAcknowledgementsOnceThePassiveQueueIsFullAndLosesNothing()
            throws Exception {
        try (FaultRig rig = new FaultRig("fault-state-down", PERSIST_INTERVAL_MS, queueCapacity(), true)) {
            TestDatabase db = rig.persistenceDb;
            runSnapshotOutage(rig, "persistence database down (the cluster database up)",
                    "separate persistence DB stopped", new SnapshotOutage() {
                public void inject() {
                    db.stop();
                }

                public void heal() {
                    db.start();
                }
            });
        }
    }

    @Test
    void thePersistenceDatabaseRestartingInTheMiddleOfAPersistLosesNothing() throws Exception {
        try (FaultRig rig = new FaultRig("fault-state-mid-persist", PERSIST_INTERVAL_MS, queueCapacity(), true)) {
            LocalNode active = rig.start();
            int a = rig.index(active);
            int b = 1 - a;
            TestDatabase db = rig.persistenceDb;
            try (Traffic traffic = new Traffic(rig.pair)) {
                traffic.awaitMore(300, Duration.ofSeconds(20));
                long epoch = rig.view(a).epoch();
                long revisionBefore = revision(active);
                int failedBefore = failedSnapshots(active);

                // The next snapshot INSERT sleeps; once it is inside the sleep, the database restarts under it.
                SnapshotTableTrigger.delay(db, 3);
                await("a snapshot write in flight").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                        .until(() -> SnapshotTableTrigger.insertInFlight(db));
                long stopAt = System.nanoTime();
                db.stop();
                db.start();
                long upAt = System.nanoTime();
                SnapshotTableTrigger.remove(db);

                await("a snapshot written after the restart").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(10)).until(() -> revision(active) > revisionBefore);
                long snapshotBackMs = ms(System.nanoTime() - upAt);
                assertThat(failedSnapshots(active) - failedBefore).as("the in-flight snapshot write failed")
                        .isPositive();
                assertThat(rig.view(a).epoch()).as("in the same term").isEqualTo(epoch);
                assertThat(rig.sampler().samplesBetween(stopAt, System.nanoTime()))
                        .as("the active served throughout").allMatch(s -> s.serving() == a);
                int acksAcrossRestart = traffic.acksBetween(stopAt, upAt).size();

                Ending ending = killActiveAndFinish(rig, traffic, active, b,
                        "persistence database restart mid-persist",
                        String.format("separate persistence DB restarted (down %d ms) under a snapshot INSERT held "
                                + "3 s in flight", ms(upAt - stopAt)),
                        String.format("back to next snapshot %d ms", snapshotBackMs));
                log.info("persistence database restarted while a snapshot INSERT was in flight: down {} ms, {} "
                                + "batches acknowledged across the restart, next snapshot {} ms after it was back; "
                                + "{}", ms(upAt - stopAt), acksAcrossRestart, snapshotBackMs, ending);
            }
        }
    }

    /** {@code fault} says what {@code outage} does, for the report; it lasts from the inject until healed. */
    private static void runSnapshotOutage(FaultRig rig, String scenario, String fault, SnapshotOutage outage)
            throws Exception {
        LocalNode active = rig.start();
        int a = rig.index(active);
        int b = 1 - a;
        try (Traffic traffic = new Traffic(rig.pair)) {
            traffic.awaitMore(300, Duration.ofSeconds(20));
            long epoch = rig.view(a).epoch();
            int failedBefore = failedSnapshots(active);

            long faultAt = System.nanoTime();
            outage.inject();
            RoleSampler.Sample full = await("the passive's queue fills").atMost(Duration.ofSeconds(30))
                    .until(() -> rig.sampler().first(faultAt, s -> s.nodes().get(b).queueDepth() >= QUEUE_CAPACITY),
                            Optional::isPresent).orElseThrow();
            long fullAt = full.atNanos();
            long revisionAtFull = revision(active);
            hold(STALLED);
            long healAt = System.nanoTime();
            outage.heal();
            // Recovery counts from here: a database restart takes a while of its own before it can answer.
            long healedAt = System.nanoTime();

            await("a snapshot written after the heal").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> revision(active) > revisionAtFull);
            long snapshotMs = ms(System.nanoTime() - healedAt);
            long firstAck = traffic.awaitAckAfter(healAt, a, Duration.ofSeconds(30));
            RoleSampler.Sample drained = await("the passive's queue drains").atMost(Duration.ofSeconds(30))
                    .until(() -> rig.sampler().first(healAt, s -> s.nodes().get(b).queueDepth() < QUEUE_CAPACITY / 2),
                            Optional::isPresent).orElseThrow();

            List<Traffic.Ack> untilFull = traffic.acksBetween(faultAt, fullAt);
            List<Traffic.Ack> whileFull = traffic.acksBetween(fullAt + LAST_ACK_GRACE.toNanos(), healAt);
            int failed = failedSnapshots(active) - failedBefore;
            assertThat(untilFull).as("acknowledgements go on while the passive's queue has room").isNotEmpty();
            assertThat(whileFull).as("no acknowledgement while the queue is full and no snapshot can be written")
                    .isEmpty();
            assertThat(failed).as("snapshot writes failed during the fault").isPositive();
            assertThat(rig.sampler().samples()).as("the queue never exceeds its bound")
                    .allMatch(s -> s.nodes().get(b).queueDepth() <= QUEUE_CAPACITY);
            assertThat(rig.sampler().samplesBetween(faultAt, System.nanoTime()))
                    .as("no failover: the active kept its lease throughout")
                    .allMatch(s -> s.serving() == a && s.nodes().get(a).epoch() == epoch);

            Ending ending = killActiveAndFinish(rig, traffic, active, b, scenario,
                    String.format("%s for %d ms (%d snapshot writes failed)", fault, ms(healedAt - faultAt), failed),
                    String.format("healed to first ack %d ms, to queue below half %d ms", ms(firstAck - healedAt),
                            ms(drained.atNanos() - healedAt)));
            log.info("{}: {} events acknowledged in the {} ms until the passive's queue of {} was full, none in the "
                            + "{} ms after; {} snapshot writes failed; healing took {} ms, then: snapshot {} ms, "
                            + "first acknowledgement {} ms, queue below half {} ms; {}", scenario,
                    untilFull.stream().mapToInt(Traffic.Ack::events).sum(), ms(fullAt - faultAt), QUEUE_CAPACITY,
                    ms(healAt - fullAt), failed, ms(healedAt - healAt), snapshotMs, ms(firstAck - healedAt),
                    ms(drained.atNanos() - healedAt), ending);
        }
    }

    /** The figures every scenario ends with. */
    private record Ending(long takeoverMs, FaultRig.Outcome outcome) {
        @Override
        public String toString() {
            return "then SIGKILL of the active, first ack by the passive after " + takeoverMs + " ms; "
                    + outcome.acked() + " acknowledged, " + outcome.counted() + " counted, lost "
                    + Math.max(0, outcome.acked() - outcome.counted());
        }
    }

    /**
     * Kills the active, so what the snapshots and the passive hold is all there is, and ends the scenario; the
     * report's faults and key timing are the scenario's own plus the kill's.
     */
    private static Ending killActiveAndFinish(FaultRig rig, Traffic traffic, LocalNode active, int passive,
                                              String scenario, String faults, String keyTiming)
            throws InterruptedException {
        traffic.awaitMore(200, Duration.ofSeconds(30));
        long killedAt = System.nanoTime();
        active.kill();
        long takeoverAck = traffic.awaitAckAfter(killedAt, passive, Duration.ofSeconds(20));
        traffic.awaitMore(200, Duration.ofSeconds(20));
        long takeoverMs = ms(takeoverAck - killedAt);
        FaultRig.Outcome outcome = rig.finish(traffic, scenario, faults + ", then 1 SIGKILL of the active",
                keyTiming + "; kill to first ack " + takeoverMs + " ms");
        assertThat(outcome.timeline().handovers()).as("exactly the one handover of the SIGKILL").isEqualTo(1);
        return new Ending(takeoverMs, outcome);
    }

    private static Map<String, String> queueCapacity() {
        return Map.of(NodeEnv.SYNC_QUEUE_CAPACITY, String.valueOf(QUEUE_CAPACITY));
    }

    private static long revision(LocalNode node) {
        return node.status().map(s -> s.path("lastRevision").asLong()).orElse(0L);
    }

    /** Snapshot writes that failed so far, as the node reports them on /v1/status (it logs only once per streak). */
    private static int failedSnapshots(LocalNode node) {
        return node.status().map(s -> s.path("failedSnapshots").asInt()).orElseThrow();
    }
}
