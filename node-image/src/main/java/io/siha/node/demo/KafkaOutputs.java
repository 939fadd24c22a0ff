package io.siha.node.demo;

import io.siha.node.extensions.kafka.KafkaSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records a Kafka sink wrote, as {@link OutputCheck} reads outputs: each record's value, under the id a consumer
 * de-duplicates on (its {@value KafkaSink#OUTPUT_ID_HEADER} header), in the order they were read.
 */
public final class KafkaOutputs {

    private KafkaOutputs() {
    }

    public static List<OutputReceiver.Received> of(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> new OutputReceiver.Received(outputId(record),
                record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8))).toList();
    }

    /** The record's output id, or "" if it has none. */
    public static String outputId(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(KafkaSink.OUTPUT_ID_HEADER);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
