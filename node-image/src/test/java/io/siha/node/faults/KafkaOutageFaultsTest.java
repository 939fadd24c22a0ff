package io.siha.node.faults;

import io.siha.node.demo.LocalNode;
import io.siha.node.kafka.KafkaBroker;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.RoleSampler;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka brokers down mid-stream, then a failover, with real node processes, a real PostgreSQL and two real KRaft
 * brokers: the orders' (the shared one) and the outputs' (one of this test's own, so that it can be down alone). The
 * {@link KafkaRelay} app reads the orders and relays each to the outputs' broker.
 * <ol>
 * <li>The outputs' broker down while more orders wait on the topic than a sink's backlog may hold: the outputs wait in
 * the outbox, retried; at the bound the active refuses new events, so the source stops taking records (it hands the
 * same one over again after a backoff) until the broker is back and the backlog drains.</li>
 * <li>Both brokers down for several seconds while orders arrive at a steady rate (the producer waits for its
 * broker), then up again: the source reads on from where it was, the sink delivers what waited.</li>
 * <li>A SIGKILL of the active.</li>
 * </ol>
 * Every order must be counted once and relayed, as in {@link KafkaFaultsTest}. A broker here stops as Kafka stops
 * one, its listener closed (see {@link KafkaBroker#down()}); a broker that hangs without closing is not tried.
 */
class KafkaOutageFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutageFaultsTest.class);
    private static final String IN = "outage-orders-in";
    private static final String OUT = "outage-orders-out";
    private static final List<Integer> PARTITIONS = List.of(0, 1, 2);
    /** The node's bound on one sink's waiting outputs ({@code HaSinkHandler.MAX_PENDING}). */
    private static final int OUTPUTS_BOUND = 10_000;
    private static final Duration OUTPUT_BROKER_OUTAGE = Duration.ofSeconds(6);
    private static final Duration BOTH_BROKERS_OUTAGE = Duration.ofSeconds(5);
    private static final int RATE = 150;

    @Test
    void brokersDownHoldOutputsAndIntakeAndLoseNothing() throws Exception {
        KafkaBroker orderBroker = KafkaBroker.shared();
        orderBroker.createTopic(IN, PARTITIONS.size());
        try (KafkaBroker outputBroker = KafkaBroker.startNew()) {
            outputBroker.createTopic(OUT, KafkaRelay.OUT_PARTITIONS);
            try (FaultRig rig = new FaultRig("fault-kafka-outage", 300, Map.of(), false, pair -> pair.app(
                    KafkaRelay.FILE, KafkaRelay.app(IN, "0,1,2", orderBroker.bootstrapServers(), OUT,
                            outputBroker.bootstrapServers())));
                 KafkaOrders orders = new KafkaOrders(orderBroker, IN, PARTITIONS)) {
                LocalNode active = rig.start();
                List<LocalNode> nodes = rig.pair.nodes();
                NodeLogs logs = NodeLogs.from(nodes);
                orders.burst(300);
                KafkaOutcome.awaitCounted(nodes, orders.produced());

                // 1. The outputs' broker down, more orders on the topic than the outputs' bound.
                long outputsDown = System.nanoTime();
                outputBroker.down();
                orders.burst(OUTPUTS_BOUND + 500);
                await("the outputs' backlog at its bound").atMost(Duration.ofSeconds(90))
                        .until(() -> pending(nodes) >= OUTPUTS_BOUND);
                long countedAtBound = KafkaRelay.counted(nodes);
                Thread.sleep(2_000);
                long takenAtBound = KafkaRelay.counted(nodes) - countedAtBound;
                Thread.sleep(Math.max(0, OUTPUT_BROKER_OUTAGE.toMillis() - ms(System.nanoTime() - outputsDown)));
                long outputsBack = System.nanoTime();
                outputBroker.up();
                long outputOutageMs = ms(System.nanoTime() - outputsDown);
                KafkaOutcome.awaitCounted(nodes, orders.produced());
                long drainMs = ms(System.nanoTime() - outputsBack);

                // 2. Both brokers down while orders come at a steady rate.
                orders.steady(RATE);
                Thread.sleep(1_500);
                long bothDown = System.nanoTime();
                orderBroker.down();
                outputBroker.down();
                Thread.sleep(BOTH_BROKERS_OUTAGE.toMillis());
                orderBroker.up();
                outputBroker.up();
                long bothOutageMs = ms(System.nanoTime() - bothDown);
                Thread.sleep(2_000);

                // 3. A failover.
                LocalPair.Failover failover = rig.pair.failOver(active);
                Thread.sleep(2_000);
                orders.stopSteady();

                KafkaOutcome outcome = KafkaOutcome.of(nodes, outputBroker, OUT, orders);
                boolean refusedForBacklog = nodes.stream().anyMatch(node -> logs.since(node)
                        .contains("wait for their receiver"));
                RoleSampler.Summary timeline = rig.sampler().summarize();
                log.info("kafka outage: {} orders produced, {}; outputs' broker down {} ms (backlog at its bound"
                        + " {}, {} orders taken in the 2 s at the bound, drained {} ms after it came back), both"
                        + " brokers down {} ms, kill to the new active {} ms", orders.produced(), outcome,
                        outputOutageMs, OUTPUTS_BOUND, takenAtBound, drainMs, bothOutageMs,
                        failover.killToServingMs());
                ScenarioReports.add(new ScenarioReport("Kafka brokers down, then a failover", String.format(
                        "outputs' broker down %d ms with %d orders waiting (backlog at its bound of %d, intake held),"
                                + " both brokers down %d ms at %d orders/s, then 1 SIGKILL of the active",
                        outputOutageMs, OUTPUTS_BOUND + 500, OUTPUTS_BOUND, bothOutageMs, RATE), orders.produced(),
                        outcome.totals().orders(), timeline.samples(), timeline.twoActiveInstants(),
                        String.format("backlog drained %d ms after the broker came back; kill to the new active %d ms",
                                drainMs, failover.killToServingMs()), Optional.of(outcome.relayed())));
                rig.sampler().check();
                outcome.assertEachOrderOnceAndRelayed();
                assertThat(takenAtBound).as("orders taken while the outputs' backlog was at its bound").isZero();
                assertThat(refusedForBacklog).as("the source was refused for the backlog (node logs)").isTrue();
            }
        }
    }

    /** Outputs waiting on the node that serves (0 on a passive). */
    private static long pending(List<LocalNode> nodes) {
        return nodes.stream().mapToLong(node -> node.status().map(s -> s.path("outputsPending").asLong())
                .orElse(0L)).max().orElse(0);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
