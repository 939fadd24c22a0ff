package io.siha.node.ha;

import io.siha.node.demo.Demo;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.sync.PassiveQueue;
import io.siha.node.sync.QueueFixtures;
import io.siha.node.sync.StateDigest;
import io.siha.node.sync.SyncEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hot standby in-process, against a second runtime playing the active: it applies the queue's events as they come,
 * agrees with the active's digest at the same seq, resynchronises when told of a state it does not have, and hands a
 * takeover a runtime whose tables hold what the events sum to.
 */
class HotStandbyTest {

    private static final List<AppSource> APPS = List.of(new AppSource("counter.siddhi", Demo.SAMPLE_APP));

    @Test
    void itKeepsTheActivesStateAndSaysWhenItDoesNot() throws Exception {
        PassiveQueue queue = new PassiveQueue(10_000);
        HotStandby standby = new HotStandby(() -> SiddhiEngine.create(APPS), Optional::empty, queue, 1_000);
        try (SiddhiEngine active = SiddhiEngine.create(APPS)) {
            active.start();
            RecentEventIds activeIds = new RecentEventIds(1_000);
            standby.start();
            List<SyncEvent> sent = new ArrayList<>();
            for (long seq = 1; seq <= 300; seq++) {
                SyncEvent event = order(seq, seq % 2 == 0 ? "eu" : "us", seq * 3);
                ActivePipeline.apply(active, activeIds, event);
                QueueFixtures.offer(queue, event);
                sent.add(event);
                if (seq == 120) { // as the active's session sends it: right after the event it is at
                    QueueFixtures.digest(queue, digestOf(active, seq));
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> standby.appliedSeq() == 300);
            assertThat(standby.digestsMatched()).as("the digest at seq 120 matched").isEqualTo(1);
            assertThat(standby.divergences()).isZero();

            // A digest of a state the standby does not have (a different amount at seq 301).
            SyncEvent applied = order(301, "eu", 5);
            try (SiddhiEngine other = SiddhiEngine.create(APPS)) {
                other.start();
                RecentEventIds otherIds = new RecentEventIds(1_000);
                sent.forEach(event -> ActivePipeline.apply(other, otherIds, event));
                ActivePipeline.apply(other, otherIds, order(301, "eu", 6));
                QueueFixtures.offer(queue, applied);
                QueueFixtures.digest(queue, digestOf(other, 301));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> standby.divergences() == 1);
            assertThat(standby.resyncs()).as("the first restore and the one after the divergence").isEqualTo(2);
            sent.add(applied);

            Optional<HotStandby.Current> current = standby.takeOver(Duration.ofSeconds(5));
            assertThat(current).isPresent();
            assertThat(current.get().appliedSeq()).isEqualTo(301);
            try (SiddhiEngine taken = current.get().engine()) {
                assertThat(totals(taken)).isEqualTo(expectedTotals(sent));
            }
        } finally {
            standby.close();
        }
    }

    private static SyncEvent order(long seq, String region, long amount) {
        return new SyncEvent(seq, 1_700_000_000_000L + seq, "Counter", "Orders", "order-" + seq,
                new Object[] {region, amount});
    }

    private static StateDigest digestOf(SiddhiEngine engine, long seq) {
        return new StateDigest(seq, SiddhiEngine.sha256(engine.digestableState()));
    }

    private static Map<String, List<Long>> totals(SiddhiEngine engine) {
        Map<String, List<Long>> totals = new TreeMap<>();
        for (Object[] row : engine.query("Counter", "from Totals select region, events, total")) {
            totals.put((String) row[0], List.of((Long) row[1], (Long) row[2]));
        }
        return totals;
    }

    /** Events and sum per region, from what was sent. */
    private static Map<String, List<Long>> expectedTotals(List<SyncEvent> sent) {
        Map<String, long[]> sums = new TreeMap<>();
        for (SyncEvent event : sent) {
            long[] sum = sums.computeIfAbsent((String) event.data()[0], region -> new long[2]);
            sum[0]++;
            sum[1] += (Long) event.data()[1];
        }
        Map<String, List<Long>> totals = new TreeMap<>();
        sums.forEach((region, sum) -> totals.put(region, List.of(sum[0], sum[1])));
        return totals;
    }
}
