package io.siha.node.faults;

import io.siha.node.demo.KafkaOutputs;
import io.siha.node.demo.LocalNode;
import io.siha.node.kafka.KafkaBroker;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.RoleSampler;
import io.siha.node.testing.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scaling past one pair: two pairs (two groups on one PostgreSQL, real node processes, a real KRaft broker) share one
 * input topic of four partitions, each reading its own {@code partition.no.list} (0,1 and 2,3), and both write to one
 * output topic, while a producer writes numbered orders to all four partitions and each pair's active is killed once,
 * the kills alternating between the pairs. Each pair must be exactly-once on its own: it counted each order of its
 * partitions once and none of the other's, and relayed each, in its partition's order, repeats only under their own
 * id. The output ids of the two pairs overlap (each counts from its own sequence), so the records also carry the
 * sink's name ({@code siha-sink}, {@code <pair>/<app>/<stream>}): a consumer of the shared topic de-duplicates on both.
 */
class KafkaScaleOutFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaScaleOutFaultsTest.class);
    private static final String IN = "scale-orders-in";
    private static final String OUT = "scale-orders-out";
    private static final List<String> GROUPS = List.of("fault-kafka-split-a", "fault-kafka-split-b");
    private static final List<List<Integer>> SPLIT = List.of(List.of(0, 1), List.of(2, 3));
    private static final int RATE = 200;

    @Test
    void twoPairsSplittingATopicAreEachExactlyOnce() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopic(IN, 4);
        broker.createTopic(OUT, KafkaRelay.OUT_PARTITIONS);
        List<LocalPair> pairs = new ArrayList<>();
        List<RoleSampler> samplers = new ArrayList<>();
        try (TestDatabase db = TestDatabase.startNew();
             KafkaOrders orders = new KafkaOrders(broker, IN, List.of(0, 1, 2, 3))) {
            for (int i = 0; i < 2; i++) {
                pairs.add(LocalPair.builder(GROUPS.get(i)).database(db).app(KafkaRelay.FILE, KafkaRelay.app(IN,
                        SPLIT.get(i).stream().map(String::valueOf).collect(Collectors.joining(",")),
                        broker.bootstrapServers(), OUT, broker.bootstrapServers())).build().start());
            }
            List<LocalNode> actives = new ArrayList<>();
            for (LocalPair pair : pairs) {
                samplers.add(new RoleSampler(pair.nodes()));
                actives.add(pair.awaitWhole(Duration.ofSeconds(60)));
            }
            orders.steady(RATE);
            List<Long> failoverMs = new ArrayList<>();
            for (int kill = 0; kill < 2; kill++) {
                Thread.sleep(2_000);
                int i = kill % 2;
                LocalPair.Failover failover = pairs.get(i).failOver(actives.get(i));
                actives.set(i, failover.active());
                failoverMs.add(failover.killToServingMs());
            }
            Thread.sleep(2_000);
            orders.stopSteady();

            List<KafkaOrders.Written> expected = SPLIT.stream().map(orders::written).toList();
            for (int i = 0; i < 2; i++) {
                KafkaOutcome.awaitCounted(pairs.get(i).nodes(), expected.get(i).count());
            }
            List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(OUT, (int) orders.produced(),
                    Duration.ofSeconds(90));
            List<KafkaOutcome> outcomes = new ArrayList<>();
            List<Set<String>> outputIds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String sink = GROUPS.get(i) + "/" + KafkaRelay.APP + "/Relayed";
                List<ConsumerRecord<byte[], byte[]>> written = records.stream()
                        .filter(record -> KafkaOutputs.sink(record).equals(sink)).toList();
                outcomes.add(KafkaOutcome.of(pairs.get(i).nodes(), expected.get(i), written));
                outputIds.add(written.stream().map(KafkaOutputs::outputId).collect(Collectors.toSet()));
            }
            Set<String> sharedIds = new HashSet<>(outputIds.get(0));
            sharedIds.retainAll(outputIds.get(1));
            log.info("kafka split: {} orders produced; pair a (partitions 0,1): {}; pair b (partitions 2,3): {};"
                    + " {} output ids written by both pairs (told apart by siha-sink); kill to the new active {} ms",
                    orders.produced(), outcomes.get(0), outcomes.get(1), sharedIds.size(), failoverMs);
            for (int i = 0; i < 2; i++) {
                RoleSampler.Summary timeline = samplers.get(i).summarize();
                ScenarioReports.add(new ScenarioReport("two pairs splitting a Kafka topic: pair " + "ab".charAt(i),
                        String.format("partitions %s of 4 at %d orders/s over all four, 1 SIGKILL of this pair's"
                                + " active (and 1 of the other's)", SPLIT.get(i), RATE), expected.get(i).count(),
                        outcomes.get(i).totals().orders(), timeline.samples(), timeline.twoActiveInstants(),
                        "kill to the new active: " + failoverMs.get(i) + " ms",
                        Optional.of(outcomes.get(i).relayed())));
            }
            samplers.forEach(RoleSampler::check);
            outcomes.forEach(KafkaOutcome::assertEachOrderOnceAndRelayed);
            assertThat(outcomes.get(0).relayed().arrived() + outcomes.get(1).relayed().arrived())
                    .as("every record on the output topic names the pair that wrote it").isEqualTo(records.size());
        } finally {
            samplers.forEach(RoleSampler::close);
            pairs.forEach(LocalPair::close);
        }
    }
}
