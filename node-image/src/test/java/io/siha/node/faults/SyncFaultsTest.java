package io.siha.node.faults;

import io.siha.api.NodeEnv;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.RoleSampler;
import io.siha.node.testing.TcpProxy;
import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.siha.node.faults.DatabaseFaultsTest.hold;
import static io.siha.node.faults.DatabaseFaultsTest.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults between the two nodes while both keep the database: the event sync cut, and a slow passive. Each ends
 * with a SIGKILL of the active, so the passive's copy of the events is what the count rests on, and then the
 * app's count equal to the acknowledged count and a role timeline that never shows two nodes serving.
 */
class SyncFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(SyncFaultsTest.class);

    @Test
    void nodesThatLoseEachOtherSlowAcknowledgementsLoseNothingAndCatchUpAfterTheHeal() throws Exception {
        try (FaultRig rig = new FaultRig("fault-sync-cut", 1000, Map.of(), false)) {
            LocalNode active = rig.start();
            int a = rig.index(active);
            int b = 1 - a;
            try (Traffic traffic = new Traffic(rig.pair)) {
                traffic.awaitMore(300, Duration.ofSeconds(20));
                long epoch = rig.view(a).epoch();
                long beforeFrom = System.nanoTime();
                hold(Duration.ofMillis(800));

                long cutAt = System.nanoTime();
                rig.cutSync();
                await("the active runs degraded").atMost(Duration.ofSeconds(5))
                        .until(() -> rig.view(a).degraded() && !rig.view(a).peerConnected());
                hold(Duration.ofMillis(1500));
                long healAt = System.nanoTime();
                rig.healSync();
                await("the sync resumes").atMost(Duration.ofSeconds(10))
                        .until(() -> rig.view(a).peerConnected() && !rig.view(a).degraded());
                long resumedMs = ms(System.nanoTime() - healAt);
                long seqAtResume = rig.view(a).lastSeq();
                await("the passive catches up").atMost(Duration.ofSeconds(10))
                        .until(() -> rig.view(b).lastSeq() >= seqAtResume);

                List<Traffic.Ack> before = traffic.acksBetween(beforeFrom, cutAt);
                List<Traffic.Ack> during = traffic.acksBetween(cutAt, healAt);
                assertThat(during).as("acknowledgements go on, after snapshots").hasSizeGreaterThan(5)
                        .allMatch(ack -> ack.endpoint() == a);
                assertThat(rig.sampler().samplesBetween(cutAt, System.nanoTime()))
                        .as("no failover: the active kept its lease and stayed the only one serving")
                        .allMatch(s -> s.serving() == a && s.nodes().get(a).epoch() == epoch);

                // The passive's copy is now all that covers the events since the last snapshot.
                traffic.awaitMore(200, Duration.ofSeconds(20));
                long killedAt = System.nanoTime();
                active.kill();
                long takeoverAck = traffic.awaitAckAfter(killedAt, b, Duration.ofSeconds(20));
                traffic.awaitMore(200, Duration.ofSeconds(20));

                FaultRig.Outcome outcome = rig.finish(traffic, "sync cut",
                        String.format("event sync cut both ways %d ms, then 1 SIGKILL of the active",
                                ms(healAt - cutAt)),
                        String.format("heal to sync resumed %d ms; kill to first ack %d ms", resumedMs,
                                ms(takeoverAck - killedAt)));
                long acked = outcome.acked();
                long counted = outcome.counted();
                RoleSampler.Summary timeline = outcome.timeline();
                log.info("sync cut for {} ms: ack latency p50/max {}/{} ms before, {}/{} ms during ({} vs {} batches "
                                + "in {} vs {} ms); sync resumed {} ms after the heal; SIGKILL then, first ack by "
                                + "the passive after {} ms; {} acknowledged, {} counted", ms(healAt - cutAt),
                        p(before, 50), p(before, 100), p(during, 50), p(during, 100), before.size(), during.size(),
                        ms(cutAt - beforeFrom), ms(healAt - cutAt), resumedMs, ms(takeoverAck - killedAt), acked,
                        counted);
                assertThat(timeline.handovers()).isEqualTo(1);
            }
        }
    }

    @Test
    void aSlowPassiveFillsItsBoundedQueueSlowsTheActiveAndDropsNothing() throws Exception {
        int capacity = 200;
        try (FaultRig rig = new FaultRig("fault-slow-passive", 5000,
                Map.of(NodeEnv.SYNC_QUEUE_CAPACITY, String.valueOf(capacity)), false)) {
            LocalNode active = rig.start();
            int a = rig.index(active);
            int b = 1 - a;
            TcpProxy toPassive = rig.syncProxies.get(b);
            try (Traffic traffic = new Traffic(rig.pair, 4, 50)) {
                traffic.awaitMore(1000, Duration.ofSeconds(20));
                long beforeFrom = System.nanoTime();
                hold(Duration.ofMillis(800));

                long slowAt = System.nanoTime();
                toPassive.delay(20);
                for (int i = 0; i < 6; i++) {
                    toPassive.blackhole();
                    hold(Duration.ofMillis(300));
                    toPassive.heal();
                    hold(Duration.ofMillis(200));
                }
                toPassive.delay(0);
                long fastAt = System.nanoTime();

                List<RoleSampler.Sample> slow = rig.sampler().samplesBetween(slowAt, fastAt);
                int maxDepth = slow.stream().mapToInt(s -> s.nodes().get(b).queueDepth()).max().orElse(0);
                List<Traffic.Ack> before = traffic.acksBetween(beforeFrom, slowAt);
                List<Traffic.Ack> during = traffic.acksBetween(slowAt, fastAt);
                assertThat(during).as("acknowledgements go on while the passive is slow").isNotEmpty();
                assertThat(rig.sampler().samples()).as("the queue stays within its bound")
                        .allMatch(s -> s.nodes().get(b).queueDepth() <= capacity);
                assertThat(maxDepth).as("the queue filled up to at least half (the active snapshots then)")
                        .isGreaterThanOrEqualTo(capacity / 2);
                assertThat(slow).as("no failover while the passive is slow").allMatch(s -> s.serving() == a);

                // Everything the passive acknowledged must be in its queue or a snapshot: kill the active.
                await("the sync is healthy again").atMost(Duration.ofSeconds(10))
                        .until(() -> rig.view(a).peerConnected());
                traffic.awaitMore(500, Duration.ofSeconds(20));
                long killedAt = System.nanoTime();
                active.kill();
                long takeoverAck = traffic.awaitAckAfter(killedAt, b, Duration.ofSeconds(20));
                traffic.awaitMore(500, Duration.ofSeconds(20));

                FaultRig.Outcome outcome = rig.finish(traffic, "slow passive",
                        String.format("sync to the passive delayed 20 ms a chunk for %d ms, with 6 blackholes of "
                                + "300 ms; then 1 SIGKILL of the active", ms(fastAt - slowAt)),
                        String.format("kill to first ack %d ms (passive queue max %d of %d)",
                                ms(takeoverAck - killedAt), maxDepth, capacity));
                long acked = outcome.acked();
                long counted = outcome.counted();
                RoleSampler.Summary timeline = outcome.timeline();
                log.info("slow passive for {} ms (20 ms per chunk, 300 ms blackholes): passive queue max {} of {}; "
                                + "{} events/s acknowledged before, {} during; ack latency p50/max {}/{} ms before, "
                                + "{}/{} ms during; SIGKILL then, first ack by the passive after {} ms; {} "
                                + "acknowledged, {} counted", ms(fastAt - slowAt), maxDepth, capacity,
                        rate(before, slowAt - beforeFrom), rate(during, fastAt - slowAt), p(before, 50),
                        p(before, 100), p(during, 50), p(during, 100), ms(takeoverAck - killedAt), acked, counted);
                assertThat(timeline.handovers()).isEqualTo(1);
            }
        }
    }

    private static long p(List<Traffic.Ack> acks, double percentile) {
        return Traffic.percentile(acks.stream().map(a -> ms(a.latencyNanos())).toList(), percentile);
    }

    private static long rate(List<Traffic.Ack> acks, long nanos) {
        return acks.stream().mapToLong(Traffic.Ack::events).sum() * 1_000_000_000L / Math.max(1, nanos);
    }
}
