package io.siha.node.demo;

import io.siha.node.extensions.kafka.KafkaSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records Kafka sinks wrote, as {@link OutputCheck} reads outputs: each record's value, under the key a consumer
 * de-duplicates on (its {@value KafkaSink#SINK_HEADER} and {@value KafkaSink#OUTPUT_ID_HEADER} headers), in the order
 * they were read.
 */
public final class KafkaOutputs {

    private KafkaOutputs() {
    }

    /**
     * Every committed record of {@code topic} from its beginning, once at least {@code count} arrived or {@code within}
     * passed (then also those that came a little later, 300 ms without a new one: a check counting repeats sees them).
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, int count,
                                                               Duration within) {
        return readAll(Map.of("bootstrap.servers", bootstrapServers), topic, count, within);
    }

    /** As {@link #readAll(String, String, int, Duration)}, with a consumer of {@code clientProperties} (SASL, TLS). */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, Object> clientProperties, String topic,
                                                               int count, Duration within) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + within.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline
                    && (records.size() < count || System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(300))) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
                if (!polled.isEmpty()) {
                    polled.forEach(records::add);
                    quietSince = System.nanoTime();
                }
            }
            return records;
        }
    }

    public static List<OutputReceiver.Received> of(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> new OutputReceiver.Received(sink(record) + " " + outputId(record),
                record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8))).toList();
    }

    /** The record's output id, or "" if it has none. */
    public static String outputId(ConsumerRecord<byte[], byte[]> record) {
        return header(record, KafkaSink.OUTPUT_ID_HEADER);
    }

    /** The name of the sink that wrote the record ({@code <pair>/<app>/<stream>}), or "". */
    public static String sink(ConsumerRecord<byte[], byte[]> record) {
        return header(record, KafkaSink.SINK_HEADER);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
