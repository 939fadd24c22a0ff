package io.siha.node.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siha.node.demo.KafkaOutputs;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.OutputCheck;
import io.siha.node.kafka.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a Kafka scenario of the {@link KafkaRelay} app ended: the app's totals once it counted every order produced (or
 * after 60 s), and the output topic's records against the outputs the orders must produce.
 *
 * <p>The order the app must keep is the one Kafka can: the relay handles each input partition's orders in their order
 * and writes each to the output partition its key (the order's region) hashes to, and Kafka keeps order only within a
 * partition. So the outputs are checked per output partition, against the orders of each input partition whose key
 * hashes there, in the order they were produced; an output on another partition counts as unexpected there and lost
 * where it belonged.
 *
 * @param relayed       the outputs against those expected, lane by lane (input partition within output partition)
 * @param wrong         records whose key or value is not what the relay makes of their order
 * @param repeatedIds   output ids that arrived more than once
 * @param sharedIds     output ids that arrived on two different outputs (a consumer de-duplicating on them would drop
 *                      one)
 */
record KafkaOutcome(KafkaOrders.Written expected, KafkaRelay.Totals totals, OutputCheck relayed, long wrong,
                    List<String> repeatedIds, List<String> sharedIds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Waits for the pair of {@code nodes} to count every order {@code orders} wrote, then reads topic {@code out},
     * all of which the pair wrote.
     */
    static KafkaOutcome of(List<LocalNode> nodes, KafkaBroker broker, String out, KafkaOrders orders) {
        KafkaOrders.Written expected = orders.written();
        awaitCounted(nodes, expected.count());
        return of(nodes, expected, broker.readAll(out, (int) expected.count(), Duration.ofSeconds(90)));
    }

    /** The pair of {@code nodes}, which should have counted {@code expected}, and the {@code records} it wrote. */
    static KafkaOutcome of(List<LocalNode> nodes, KafkaOrders.Written expected,
                           List<ConsumerRecord<byte[], byte[]>> records) {
        KafkaRelay.Totals totals = KafkaRelay.totals(nodes).orElseThrow();
        OutputCheck relayed = null;
        for (int partition = 0; partition < KafkaRelay.OUT_PARTITIONS; partition++) {
            int out = partition;
            List<List<Long>> lanes = expected.perPartition().stream().map(numbers -> numbers.stream()
                    .filter(number -> outputPartition(number) == out).toList()).toList();
            OutputCheck lane = OutputCheck.ofSenders(lanes, KafkaOutputs.of(records.stream()
                    .filter(record -> record.partition() == out).toList()));
            relayed = relayed == null ? lane : relayed.plus(lane);
        }
        long wrong = records.stream().filter(record -> !relayOfItsOrder(record)).count();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byId = records.stream().collect(Collectors.groupingBy(
                record -> KafkaOutputs.sink(record) + " " + KafkaOutputs.outputId(record)));
        List<String> repeated = byId.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        List<String> shared = byId.entrySet().stream().filter(entry -> entry.getValue().stream()
                .map(KafkaOutcome::bodyOf).collect(Collectors.toSet()).size() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        return new KafkaOutcome(expected, totals, Objects.requireNonNull(relayed), wrong, repeated, shared);
    }

    /** The partition of the output topic that the producer's default partitioner gives order {@code number}'s key. */
    private static int outputPartition(long number) {
        return BuiltInPartitioner.partitionForKey(KafkaOrders.region(number).getBytes(StandardCharsets.UTF_8),
                KafkaRelay.OUT_PARTITIONS);
    }

    /** Whether the record is the relay's output of the order its value names: that order's region as key and value. */
    private static boolean relayOfItsOrder(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode event = JSON.readTree(bodyOf(record)).path("event");
            long number = event.path("amount").asLong(-1);
            String region = KafkaOrders.region(number);
            return number > 0 && event.size() == 2 && region.equals(event.path("region").asText())
                    && record.key() != null && region.equals(new String(record.key(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    private static String bodyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    }

    /** Waits (up to 90 s) until the pair of {@code nodes} counted {@code count} orders. */
    static void awaitCounted(List<LocalNode> nodes, long count) {
        // Whichever node serves now: under load on 2 cores a lease may also end without a kill.
        await("the app counted every order").atMost(Duration.ofSeconds(90))
                .until(() -> KafkaRelay.counted(nodes) >= count);
    }

    /** As {@link #assertEachOrderOnceAndRelayed()}, and no output twice: a transactional sink's, read_committed. */
    void assertEachOrderOnceAndRelayedOnce() {
        assertEachOrderOnceAndRelayed();
        assertThat(relayed.duplicated()).as("outputs written twice").isZero();
    }

    /**
     * Each order counted once, every output on the topic as the relay makes it, on its key's partition in its input
     * partition's order, a repeat only under its own id and no id on two outputs.
     */
    void assertEachOrderOnceAndRelayed() {
        assertThat(totals.orders()).as("orders counted (each once)").isEqualTo(expected.count());
        assertThat(totals.numberSum()).as("sum of the orders' numbers counted").isEqualTo(expected.numberSum());
        assertThat(relayed.lost()).as("outputs lost").isZero();
        assertThat(relayed.underAnotherId()).as("repeats under another output id").isZero();
        assertThat(relayed.reordered()).as("outputs out of their order").isZero();
        assertThat(relayed.unexpected()).as("outputs of orders never produced, or on another partition").isZero();
        assertThat(wrong).as("records whose key or value is not the relay of their order").isZero();
        assertThat(sharedIds).as("output ids on two different outputs").isEmpty();
    }

    @Override
    public String toString() {
        return String.format("counted %d (number sum %d), outputs %s, %d wrong, repeated ids %s, ids on two outputs %s",
                totals.orders(), totals.numberSum(), relayed, wrong, repeatedIds, sharedIds);
    }
}
