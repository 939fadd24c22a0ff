package io.siha.node.faults;

import io.siha.node.demo.LocalNode;
import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A takeover abandoned after its replay, under acknowledged traffic, with real node processes and a real PostgreSQL:
 * snapshot writes fail, so the passive's queue is all that holds the events acknowledged since the last snapshot;
 * the active is killed; the passive takes the lease, replays its queue, cannot write its snapshot, and loses the
 * lease while the database stalls under its renewal. The killed node restarts without those events in the meantime.
 * The next takeover must still have them all.
 */
class TakeoverFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(TakeoverFaultsTest.class);

    @Test
    void aTakeoverAbandonedAfterItsReplayKeepsTheQueueForTheNextOne() throws Exception {
        try (FaultRig rig = new FaultRig("fault-abandoned-takeover", 300, Map.of(), false)) {
            NodeLogs logs = NodeLogs.from(rig.pair.nodes());
            LocalNode active = rig.start();
            LocalNode passive = rig.other(active);
            try (Traffic traffic = new Traffic(rig.pair)) {
                traffic.awaitMore(300, Duration.ofSeconds(20));
                SnapshotTableTrigger.failWithDiskFull(rig.db); // from here on the queue alone holds new events
                traffic.awaitMore(500, Duration.ofSeconds(20));
                long queued = passive.status().map(s -> s.path("queueDepth").asLong()).orElseThrow();

                long killAt = System.nanoTime();
                active.kill();
                await("the passive's takeover retries its snapshot").atMost(Duration.ofSeconds(20))
                        .until(() -> logs.since(passive).contains("step 'persist the state' failed"));
                long abandonedAt;
                try (LeaseRowLock stall = LeaseRowLock.take(rig.db)) {
                    await("the takeover is abandoned").atMost(Duration.ofSeconds(20))
                            .until(() -> logs.since(passive).contains("abandoned"));
                    abandonedAt = System.nanoTime();
                    active.start(); // back without the events, while the passive holds them and no snapshot does
                    Thread.sleep(3 * FaultRig.LEASE.toMillis());
                }
                long stallMs = ms(System.nanoTime() - abandonedAt);
                SnapshotTableTrigger.remove(rig.db);

                LocalNode survivor = rig.pair.awaitWhole(Duration.ofSeconds(60));
                long firstAck = traffic.awaitAckAfter(abandonedAt, rig.index(survivor), Duration.ofSeconds(30));
                traffic.awaitMore(300, Duration.ofSeconds(30));
                long failedTakeovers = passive.status().map(s -> s.path("failedTakeovers").asLong()).orElseThrow();

                FaultRig.Outcome outcome = rig.finish(traffic, "takeover abandoned",
                        String.format("snapshot INSERTs fail (disk_full), SIGKILL of the active with %d events queued;"
                                + " the passive's takeover replays, cannot snapshot, loses its lease to a lease-row"
                                + " stall of %d ms; the killed node restarts meanwhile", queued, stallMs),
                        String.format("kill to first ack after the abandoned takeover %d ms (%s won, %d failed"
                                + " takeovers)", ms(firstAck - killAt), survivor.id(), failedTakeovers));
                log.info("takeover abandoned: {} acknowledged, {} counted", outcome.acked(), outcome.counted());
                assertThat(queued).as("events only the passive's queue held when the active was killed")
                        .isGreaterThan(100);
                assertThat(failedTakeovers).as("the passive's takeover was abandoned").isPositive();
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
