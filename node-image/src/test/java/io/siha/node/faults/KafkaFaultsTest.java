package io.siha.node.faults;

import io.siha.node.demo.LocalNode;
import io.siha.node.kafka.KafkaBroker;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.RoleSampler;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka in, Kafka out, through SIGKILL failovers, with real node processes, a real PostgreSQL and a real KRaft broker:
 * a producer writes numbered orders to a topic of three partitions at a steady rate while the active is killed three
 * times; the {@link KafkaRelay} app relays each order to an output topic and counts them. Every order must be counted
 * exactly once (the app's count and the sum of the numbers it counted equal what was produced) and relayed: every
 * number on the output topic, each partition's in its order, a repeat only under the output id (record header
 * {@code siha-output-id}) of its first arrival; and a second, transactional sink of the same app relays each order to
 * another topic exactly once for a read_committed consumer.
 */
class KafkaFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaFaultsTest.class);
    private static final String IN = "fault-orders-in";
    private static final String OUT = "fault-orders-out";
    /** The output topic of the relay's transactional sink. */
    private static final String ONCE = "fault-orders-once";
    private static final List<Integer> PARTITIONS = List.of(0, 1, 2);
    /** Orders a second: below what one sink writes one at a time with acks=all, so the outputs keep up. */
    private static final int RATE = 150;

    @Test
    void everyRecordIsCountedOnceAndRelayedThroughSigkills() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopic(IN, PARTITIONS.size());
        broker.createTopic(OUT, KafkaRelay.OUT_PARTITIONS);
        broker.createTopic(ONCE, KafkaRelay.OUT_PARTITIONS);
        try (FaultRig rig = new FaultRig("fault-kafka", 300, Map.of(), false, pair -> pair.app(KafkaRelay.FILE,
                KafkaRelay.appRelayingAlsoOnce(IN, "0,1,2", broker.bootstrapServers(), OUT, ONCE)));
             KafkaOrders orders = new KafkaOrders(broker, IN, PARTITIONS)) {
            LocalNode active = rig.start();
            orders.steady(RATE);

            long failoverMsTotal = 0;
            for (int kill = 0; kill < 3; kill++) {
                Thread.sleep(2_500);
                LocalPair.Failover failover = rig.pair.failOver(active);
                failoverMsTotal += failover.killToServingMs();
                active = failover.active();
            }
            Thread.sleep(2_000);
            orders.stopSteady();
            KafkaOutcome outcome = KafkaOutcome.of(rig.pair.nodes(), broker, OUT, orders);
            KafkaOutcome once = KafkaOutcome.of(rig.pair.nodes(), broker, ONCE, orders);
            RoleSampler.Summary timeline = rig.sampler().summarize();
            log.info("kafka: {} orders produced; idempotent sink: {}; transactional sink (read_committed): {};"
                    + " failovers took {} ms on average", orders.produced(), outcome, once, failoverMsTotal / 3);
            ScenarioReports.add(new ScenarioReport("Kafka in and out through failovers",
                    String.format("3 SIGKILLs of the active while %d orders/s were written to %d partitions", RATE,
                            PARTITIONS.size()), orders.produced(), outcome.totals().orders(), timeline.samples(),
                    timeline.twoActiveInstants(), String.format("kill to the new active: %d ms on average",
                            failoverMsTotal / 3), Optional.of(outcome.relayed())));
            rig.sampler().check();
            outcome.assertEachOrderOnceAndRelayed();
            once.assertEachOrderOnceAndRelayedOnce();
        }
    }
}
