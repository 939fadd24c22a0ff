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
record KafkaOutcome(KafkaRelay.Totals totals, OutputCheck relayed, List<String> repeatedIds) {

    /** Waits for the pair of {@code nodes} to count every order of {@code orders}, then reads topic {@code out}. */
    static KafkaOutcome of(List<LocalNode> nodes, KafkaBroker broker, String out, KafkaOrders orders) {
        long produced = orders.produced();
        // Whichever node serves now: under load on 2 cores a lease may also end without a kill.
        await("the app counted every order").atMost(Duration.ofSeconds(90))
                .until(() -> KafkaRelay.counted(nodes) >= produced);
        KafkaRelay.Totals totals = KafkaRelay.totals(nodes).orElseThrow();
        List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(out, (int) produced, Duration.ofSeconds(90));
        List<String> repeated = records.stream().map(KafkaOutputs::outputId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
                .filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        return new KafkaOutcome(totals, OutputCheck.ofSenders(orders.perPartition(), KafkaOutputs.of(records)),
                repeated);
    }

    /** Each order counted once, every output on the topic in its partition's order, repeats under their own id. */
    void assertEachOrderOnceAndRelayed(KafkaOrders orders) {
        assertThat(totals.orders()).as("orders counted (each once)").isEqualTo(orders.produced());
        assertThat(totals.numberSum()).as("sum of the orders' numbers counted").isEqualTo(orders.numberSum());
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
