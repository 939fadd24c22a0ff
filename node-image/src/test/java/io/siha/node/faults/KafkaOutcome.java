package io.siha.node.faults;

import io.siha.node.demo.KafkaOutputs;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.OutputCheck;
import io.siha.node.kafka.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a Kafka scenario of the {@link KafkaRelay} app ended: the app's totals once it counted every order produced (or
 * after 60 s), and the output topic's records against the outputs the orders must produce.
 *
 * @param repeatedIds output ids that arrived more than once
 */
record KafkaOutcome(KafkaOrders.Written expected, KafkaRelay.Totals totals, OutputCheck relayed,
                    List<String> repeatedIds) {

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
        List<String> repeated = records.stream().map(KafkaOutputs::outputId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
                .filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        return new KafkaOutcome(expected, totals, OutputCheck.ofSenders(expected.perPartition(),
                KafkaOutputs.of(records)), repeated);
    }

    /** Waits (up to 90 s) until the pair of {@code nodes} counted {@code count} orders. */
    static void awaitCounted(List<LocalNode> nodes, long count) {
        // Whichever node serves now: under load on 2 cores a lease may also end without a kill.
        await("the app counted every order").atMost(Duration.ofSeconds(90))
                .until(() -> KafkaRelay.counted(nodes) >= count);
    }

    /** Each order counted once, every output on the topic in its partition's order, repeats under their own id. */
    void assertEachOrderOnceAndRelayed() {
        assertThat(totals.orders()).as("orders counted (each once)").isEqualTo(expected.count());
        assertThat(totals.numberSum()).as("sum of the orders' numbers counted").isEqualTo(expected.numberSum());
        assertThat(relayed.lost()).as("outputs lost").isZero();
        assertThat(relayed.underAnotherId()).as("repeats under another output id").isZero();
        assertThat(relayed.reordered()).as("outputs out of their partition's order").isZero();
        assertThat(relayed.unexpected()).as("outputs of orders never produced").isZero();
    }

    @Override
    public String toString() {
        return String.format("counted %d (number sum %d), outputs %s, repeated ids %s", totals.orders(),
                totals.numberSum(), relayed, repeatedIds);
    }
}
