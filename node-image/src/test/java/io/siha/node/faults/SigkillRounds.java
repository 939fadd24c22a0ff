package io.siha.node.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.OutputCheck;
import io.siha.node.testing.RoleSampler;
import io.siha.node.testing.Traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Consecutive SIGKILL failovers under acknowledged traffic on a {@link FaultRig}: each round waits for the pair
 * to be whole, kills the active at a random point of its persist cycle, times the first acknowledgement by the
 * other node, and restarts the killed one. Shared by the fault suite's short run and {@link FailoverSoak}.
 */
final class SigkillRounds {

    /**
     * The outcome: events acknowledged and counted, kill-to-first-ack times, the role timeline's summary, the alerts
     * against those the acknowledged orders must produce, and what the nodes logged meanwhile.
     */
    record Result(long acked, long counted, List<Long> failoverMillis, RoleSampler.Summary timeline,
                  OutputCheck alerts, List<String> logs, List<Optional<JsonNode>> statuses) {
    }

    private SigkillRounds() {
    }

    static Result run(String group, int kills, Runnable afterEachKill) throws Exception {
        return run(group, kills, Map.of(), afterEachKill);
    }

    /** The same, on nodes with {@code env} besides the rig's. */
    static Result run(String group, int kills, Map<String, String> env, Runnable afterEachKill) throws Exception {
        Random random = new Random();
        List<Long> failoverMillis = new ArrayList<>();
        try (FaultRig rig = new FaultRig(group, 300, env, false)) {
            LocalNode active = rig.start();
            NodeLogs logs = NodeLogs.from(rig.pair.nodes());
            try (Traffic traffic = new Traffic(rig.pair)) {
                for (int kill = 0; kill < kills; kill++) {
                    DatabaseFaultsTest.hold(Duration.ofMillis(100 + random.nextInt(700)));
                    long killedAt = System.nanoTime();
                    active.kill();
                    long ack = traffic.awaitAckAfter(killedAt, 1 - rig.index(active), Duration.ofSeconds(30));
                    failoverMillis.add(DatabaseFaultsTest.ms(ack - killedAt));
                    active.start();
                    active = rig.pair.awaitWhole(Duration.ofSeconds(60));
                    afterEachKill.run();
                }
                FaultRig.Outcome outcome = rig.report(traffic, kills + " SIGKILL failovers",
                        kills + " SIGKILLs of the active, each at a random point of its persist cycle",
                        String.format("kill to first ack by the peer: p50 %d / p99 %d / max %d ms",
                                Traffic.percentile(failoverMillis, 50), Traffic.percentile(failoverMillis, 99),
                                Traffic.percentile(failoverMillis, 100)));
                // The timeline's verdict, but not the count's: the callers judge that, the soak after printing it.
                rig.sampler().check();
                return new Result(outcome.acked(), outcome.counted(), failoverMillis, outcome.timeline(),
                        outcome.alerts(), rig.pair.nodes().stream().map(logs::since).toList(),
                        rig.pair.nodes().stream().map(LocalNode::status).toList());
            }
        }
    }
}
