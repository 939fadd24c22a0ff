package io.siha.node.cluster;

import io.siha.node.config.HeartbeatSettings;
import io.siha.node.testing.Contender;
import io.siha.node.testing.RoleTimeline;
import io.siha.node.testing.RoleTimeline.Term;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Randomized fault schedules against two or three nodes: crashes, clean stops, restarts, connection resets and
 * stalls (a proxy that holds every byte, then releases them late). Over every run, no two terms overlap on the
 * database's clock, and once the faults stop exactly one node is active. The seed of a failing run is in the
 * assertion message; rerun it with {@code -Dsiha.invariant.seed=<seed>}.
 */
class ElectionInvariantTest {

    private static final Logger log = LoggerFactory.getLogger(ElectionInvariantTest.class);
    private static final HeartbeatSettings TIMING = new HeartbeatSettings(200, 2);
    private static final int RUNS = Integer.getInteger("siha.invariant.runs", 10);
    private static final Duration FAULT_PHASE = Duration.ofMillis(2000);

    private final TestDatabase db = TestDatabase.shared();

    @Test
    void noTwoTermsEverOverlapAndExactlyOneActiveRemainsAfterFaults() throws Exception {
        long baseSeed = Long.getLong("siha.invariant.seed", System.nanoTime());
        int runs = Long.getLong("siha.invariant.seed") != null ? 1 : RUNS;
        int totalTerms = 0;
        for (int run = 0; run < runs; run++) {
            long seed = baseSeed + run;
            totalTerms += runOnce(seed, run);
        }
        log.info("election invariant held over {} randomized runs, {} terms in all", runs, totalTerms);
        assertThat(totalTerms).as("the runs exercised takeovers").isGreaterThan(runs);
    }

    private int runOnce(long seed, int run) throws Exception {
        Random random = new Random(seed);
        String group = "invariant-" + run + "-" + Long.toHexString(seed);
        new LeaseStore(db.dataSource(), group).ensureSchema();
        RoleTimeline timeline = RoleTimeline.install(db.dataSource(), group);
        int size = 2 + random.nextInt(2);
        List<Contender> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                nodes.add(Contender.withTimeline(db, group, "n" + i, TIMING, timeline).start());
            }
            long faultsEnd = System.nanoTime() + FAULT_PHASE.toNanos();
            while (System.nanoTime() < faultsEnd) {
                Thread.sleep(30 + random.nextInt(300));
                injectFault(nodes.get(random.nextInt(size)), random);
            }
            for (Contender node : nodes) {
                node.proxy().heal();
                if (!node.running()) {
                    node.start();
                }
            }
            String context = "seed " + seed + " (" + size + " nodes)";
            await(context).atMost(TIMING.lease().multipliedBy(6)).pollInterval(Duration.ofMillis(10))
                    .until(() -> activeCount(nodes) == 1);
            // Listeners hear of a change on the dispatch thread, a moment after the election made it.
            await(context).atMost(Duration.ofSeconds(5)).until(() -> timeline.activeNodes().size() == 1);

            List<Term> terms = timeline.terms();
            for (int i = 1; i < terms.size(); i++) {
                assertThat(terms.get(i - 1).endMicros())
                        .as("%s: %s must end before %s begins", context, terms.get(i - 1), terms.get(i))
                        .isLessThan(terms.get(i).startMicros());
            }
            return terms.size();
        } finally {
            nodes.forEach(Contender::close);
        }
    }

    private static void injectFault(Contender node, Random random) {
        if (!node.running()) {
            node.start();
            return;
        }
        switch (random.nextInt(5)) {
            case 0 -> node.crash();
            case 1 -> node.stop();
            case 2 -> node.proxy().cut();
            case 3 -> node.proxy().blackhole();
            default -> node.proxy().heal();
        }
    }

    private static long activeCount(List<Contender> nodes) {
        return nodes.stream().filter(n -> n.activeEpoch().isPresent()).count();
    }
}
