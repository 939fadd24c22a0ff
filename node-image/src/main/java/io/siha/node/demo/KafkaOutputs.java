package io.siha.node.demo;

import io.siha.node.extensions.kafka.KafkaSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records Kafka sinks wrote, as {@link OutputCheck} reads outputs: each record's value, under the key a consumer
 * de-duplicates on (its {@value KafkaSink#SINK_HEADER} and {@value KafkaSink#OUTPUT_ID_HEADER} headers), in the order
 * they were read.
 */
public final class KafkaOutputs {

    private KafkaOutputs() {
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
