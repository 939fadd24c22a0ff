package io.siha.node.extensions.kafka;

import io.siha.node.output.OutputId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The newest output one transactional sink has committed to its topic, read back with a {@code read_committed}
 * consumer after the sink's producer fenced every earlier producer of its transactional id (so no earlier term can
 * commit any more, and what it left open is aborted). The sink hands its outputs over in id order, one transaction at
 * a time, so the newest id among its records (header {@value KafkaSink#SINK_HEADER} its own) over all partitions is
 * where the topic ends for it: a takeover's replay computes the outputs up to it again, under the same ids, and they
 * must not be written again. Each partition is read backwards from its end in growing windows until one of the sink's
 * records is found or the partition's start is reached.
 */
final class CommittedOutputs {

    private static final int FIRST_WINDOW = 256;
    private static final Duration READ_WITHIN = Duration.ofSeconds(30);

    private CommittedOutputs() {
    }

    /** The newest output id of the sink named {@code sinkName} committed to {@code topic}, or {@link OutputId#NONE}. */
    static OutputId newest(Properties producer, String topic, byte[] sinkName) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(producer),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_WITHIN).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, READ_WITHIN);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_WITHIN);
            OutputId newest = OutputId.NONE;
            for (TopicPartition partition : partitions) {
                OutputId found = newestIn(consumer, partition, starts.get(partition), ends.get(partition), sinkName);
                if (found.after(newest)) {
                    newest = found;
                }
            }
            return newest;
        }
    }

    private static OutputId newestIn(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long start,
                                     long end, byte[] sinkName) {
        consumer.assign(List.of(partition));
        long window = FIRST_WINDOW;
        for (long until = end; until > start; window *= 4) {
            long from = Math.max(start, until - window);
            OutputId found = newestBetween(consumer, partition, from, until, sinkName);
            if (found != OutputId.NONE) {
                return found;
            }
            until = from;
        }
        return OutputId.NONE;
    }

    private static OutputId newestBetween(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from,
                                          long until, byte[] sinkName) {
        consumer.seek(partition, from);
        OutputId newest = OutputId.NONE;
        long deadline = System.nanoTime() + READ_WITHIN.toNanos();
        while (consumer.position(partition) < until) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partition " + partition + " not read back to offset " + until
                        + " within " + READ_WITHIN.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < until && Arrays.equals(header(record, KafkaSink.SINK_HEADER), sinkName)) {
                    byte[] id = header(record, KafkaSink.OUTPUT_ID_HEADER);
                    OutputId parsed = id == null ? OutputId.NONE
                            : OutputId.parse(new String(id, StandardCharsets.UTF_8)).orElse(OutputId.NONE);
                    if (parsed.after(newest)) {
                        newest = parsed;
                    }
                }
            }
        }
        return newest;
    }

    private static byte[] header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    /** The producer's connection and security settings, for a consumer of committed records only, in no group. */
    private static Properties consumerProperties(Properties producer) {
        Properties consumer = new Properties();
        producer.stringPropertyNames().stream().filter(key -> key.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
                || key.equals(ConsumerConfig.CLIENT_DNS_LOOKUP_CONFIG))
                .forEach(key -> consumer.put(key, producer.get(key)));
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        return consumer;
    }
}
