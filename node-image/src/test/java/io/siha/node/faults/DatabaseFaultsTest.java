package io.siha.node.faults;

import io.siha.node.demo.LocalNode;
import io.siha.node.testing.RoleSampler;
import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.siha.node.faults.FaultRig.LEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Database faults under acknowledged traffic, with real node processes and a real PostgreSQL: the active alone
 * loses the database; the database goes down for both; the persistence database restarts mid-persist. Each ends
 * with the app's count equal to the acknowledged count and a role timeline that never shows two nodes serving.
 */
class DatabaseFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(DatabaseFaultsTest.class);

    @Test
    void anActiveCutOffFromTheDatabaseFencesItselfAndThePassiveTakesOver() throws Exception {
        try (FaultRig rig = new FaultRig("fault-active-db", 300, Map.of(), false)) {
            LocalNode active = rig.start();
            int a = rig.index(active);
            int b = 1 - a;
            try (Traffic traffic = new Traffic(rig.pair)) {
                traffic.awaitMore(300, Duration.ofSeconds(20));
                long epochBefore = rig.view(a).epoch();

                long cutAt = System.nanoTime();
                rig.dbProxies.get(a).blackhole(); // statements hang: the harder case than a refused connection
                RoleSampler.Sample fenced = await("the active fences itself").atMost(LEASE.plusSeconds(2))
                        .until(() -> rig.sampler().first(cutAt, s -> !s.nodes().get(a).ready()
                                && !s.nodes().get(a).ingestOpen()), java.util.Optional::isPresent).orElseThrow();
                long takeoverAck = traffic.awaitAckAfter(cutAt, b, Duration.ofSeconds(20));
                long fenceMs = ms(fenced.atNanos() - cutAt);
                long takeoverMs = ms(takeoverAck - cutAt);
                // The sampler reads the roles every ~10 ms (slower on a loaded machine): its latest view may predate
                // the acknowledgement just seen, so wait for it to catch up rather than read it once.
                await("a new term in the sampled roles").atMost(Duration.ofSeconds(5))
                        .until(() -> rig.view(b).epoch() > epochBefore);

                // The old active gets the database back (late bytes and all) and rejoins as the passive.
                traffic.awaitMore(200, Duration.ofSeconds(20));
                long healAt = System.nanoTime();
                rig.dbProxies.get(a).heal();
                assertThat(rig.pair.awaitWhole(Duration.ofSeconds(30))).as("the new active stays active")
                        .isSameAs(rig.other(active));
                traffic.awaitMore(200, Duration.ofSeconds(20));

                FaultRig.Outcome outcome = rig.finish(traffic, "active loses the database",
                        String.format("the active's cluster-DB proxy blackholed %d ms (statements hang)",
                                ms(healAt - cutAt)),
                        String.format("cut to fenced %d ms, to first ack by the passive %d ms", fenceMs, takeoverMs));
                long acked = outcome.acked();
                long counted = outcome.counted();
                RoleSampler.Summary timeline = outcome.timeline();
                log.info("active loses the database (blackhole): fenced {} ms after the cut, first ack by the new "
                        + "active after {} ms; {} acknowledged, {} counted", fenceMs, takeoverMs, acked, counted);
                assertThat(fenceMs).as("fenced within its lease").isLessThan(LEASE.toMillis() + 200);
                assertThat(takeoverMs).as("taken over soon after the lease").isLessThan(10_000);
                assertThat(timeline.handovers()).isGreaterThanOrEqualTo(1);
                assertThat(acked).isGreaterThan(700);
            }
        }
    }

    @Test
    void theDatabaseDownForBothMeansNobodyServesThenExactlyOneAfterItReturns() throws Exception {
        try (FaultRig rig = new FaultRig("fault-db-down", 300, Map.of(), false)) {
            LocalNode active = rig.start();
            int a = rig.index(active);
            int b = 1 - a;
            try (Traffic traffic = new Traffic(rig.pair)) {
                traffic.awaitMore(300, Duration.ofSeconds(20));
                long epochBefore = rig.view(a).epoch();

                long stopAt = System.nanoTime();
                rig.db.stop();
                RoleSampler.Sample quiet = await("nobody serves").atMost(LEASE.plusSeconds(2))
                        .until(() -> rig.sampler().first(stopAt, s -> s.serving() < 0), java.util.Optional::isPresent)
                        .orElseThrow();
                long quietMs = ms(quiet.atNanos() - stopAt);
                hold(Duration.ofMillis(3 * LEASE.toMillis()));
                // The adversarial order: the deposed active reaches the database again first, the passive (which
                // holds the events acknowledged since the last snapshot) 250 ms later. The passive must win.
                rig.dbProxies.get(b).cut();
                long restartAt = System.nanoTime();
                rig.db.start();
                long upAt = System.nanoTime();
                hold(Duration.ofMillis(250));
                rig.dbProxies.get(b).heal();

                // From one lease (plus the fencing margin's slack) after the stop until the database is back.
                long downFrom = stopAt + LEASE.plusMillis(150).toNanos();
                List<RoleSampler.Sample> down = rig.sampler().samplesBetween(downFrom, restartAt);
                assertThat(down).as("samples while the database was down").hasSizeGreaterThan(50);
                assertThat(down).as("no node ready or with its ingest port open while the database is down")
                        .allMatch(s -> s.serving() < 0);
                assertThat(traffic.acksBetween(downFrom, restartAt)).as("no acknowledgement while it is down")
                        .isEmpty();

                RoleSampler.Sample back = await("one node serves again").atMost(Duration.ofSeconds(30))
                        .until(() -> rig.sampler().first(upAt, s -> s.ready() == 1), java.util.Optional::isPresent)
                        .orElseThrow();
                long backMs = ms(back.atNanos() - upAt);
                hold(Duration.ofMillis(1500));
                List<RoleSampler.Sample> after = rig.sampler().samplesBetween(back.atNanos(), System.nanoTime());
                assertThat(after).as("exactly one serving after the restart").isNotEmpty()
                        .allMatch(s -> s.ready() == 1 && s.open() == 1);
                int serving = back.serving();
                assertThat(serving).as("the passive that holds the events takes over, not the deposed active")
                        .isEqualTo(b);
                assertThat(back.nodes().get(serving).epoch()).as("a new term").isGreaterThan(epochBefore);

                traffic.awaitMore(300, Duration.ofSeconds(20));
                FaultRig.Outcome outcome = rig.finish(traffic, "database down for both",
                        String.format("database (cluster and persistence) stopped %d ms; back first for the "
                                + "deposed active, 250 ms later for the passive", ms(restartAt - stopAt)),
                        String.format("stop to nobody serving %d ms; back to one serving %d ms", quietMs, backMs));
                long acked = outcome.acked();
                long counted = outcome.counted();
                RoleSampler.Summary timeline = outcome.timeline();
                log.info("database down for both for {} ms: nobody serving {} ms after the stop, node {} serving "
                                + "{} ms after the database was back (epoch {} -> {}); {} acknowledged, {} counted",
                        ms(restartAt - stopAt), quietMs, serving, backMs, epochBefore,
                        back.nodes().get(serving).epoch(), acked, counted);
                assertThat(quietMs).isLessThan(LEASE.toMillis() + 200);
                assertThat(timeline.samples()).isPositive();
            }
        }
    }

    @Test
    void thePersistenceDatabaseRestartingMidPersistFailsSnapshotsButLosesNothing() throws Exception {
        try (FaultRig rig = new FaultRig("fault-persist-restart", 100, Map.of(), true)) {
            LocalNode active = rig.start();
            int a = rig.index(active);
            try (Traffic traffic = new Traffic(rig.pair)) {
                traffic.awaitMore(300, Duration.ofSeconds(20));
                long epoch = rig.view(a).epoch();
                long revisionBefore = active.status().orElseThrow().path("lastRevision").asLong();

                long stopAt = System.nanoTime();
                rig.persistenceDb.stop(); // with a snapshot every 100 ms, one is almost surely being written
                hold(Duration.ofMillis(800));
                long restartAt = System.nanoTime();
                rig.persistenceDb.start();
                long upAt = System.nanoTime();
                int acksWhileDown = traffic.acksBetween(stopAt, restartAt).size();

                await("a snapshot written after the restart").atMost(Duration.ofSeconds(20)).until(() ->
                        active.status().map(s -> s.path("lastRevision").asLong()).orElse(0L) > revisionBefore
                                && active.status().map(s -> s.path("lastPersistedSeq").asLong()).orElse(0L) > 0);
                long snapshotBackMs = ms(System.nanoTime() - upAt);
                String activeLog = Files.readString(active.log());
                assertThat(activeLog).as("a snapshot write failed while the database was down")
                        .containsPattern("snapshot of epoch \\d+ failed");
                assertThat(rig.view(a).ready()).as("the active carried on").isTrue();
                assertThat(rig.view(a).epoch()).as("in the same term").isEqualTo(epoch);
                assertThat(rig.sampler().samplesBetween(stopAt, System.nanoTime()))
                        .as("the active served throughout").allMatch(s -> s.serving() == a);

                // What the passive holds and the snapshots written since the restart must together be complete.
                traffic.awaitMore(200, Duration.ofSeconds(20));
                long killedAt = System.nanoTime();
                active.kill();
                long takeoverAck = traffic.awaitAckAfter(killedAt, 1 - a, Duration.ofSeconds(20));
                traffic.awaitMore(200, Duration.ofSeconds(20));

                FaultRig.Outcome outcome = rig.finish(traffic, "persistence database restart",
                        String.format("separate persistence DB down %d ms mid-persist, then 1 SIGKILL of the active",
                                ms(restartAt - stopAt)),
                        String.format("back to next snapshot %d ms; kill to first ack %d ms", snapshotBackMs,
                                ms(takeoverAck - killedAt)));
                long acked = outcome.acked();
                long counted = outcome.counted();
                RoleSampler.Summary timeline = outcome.timeline();
                log.info("persistence database down {} ms mid-persist: {} batches acknowledged meanwhile, next "
                                + "snapshot {} ms after it was back; then SIGKILL, first ack by the passive after "
                                + "{} ms; {} acknowledged, {} counted", ms(restartAt - stopAt), acksWhileDown,
                        snapshotBackMs, ms(takeoverAck - killedAt), acked, counted);
                assertThat(acksWhileDown).as("acknowledgements went on (the passive holds the events)")
                        .isPositive();
                assertThat(timeline.handovers()).isEqualTo(1);
            }
        }
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Lets time pass in steps well under a second. */
    static void hold(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - until < 0) {
            Thread.sleep(Math.min(50, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
        }
    }
}
