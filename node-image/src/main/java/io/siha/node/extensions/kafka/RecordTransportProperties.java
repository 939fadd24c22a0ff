package io.siha.node.extensions.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * What a Kafka source's mapper may ask of a record as transport properties, {@code @attributes(x='trp:<name>')}:
 * {@code topic}, {@code partition}, {@code offset}, {@code key} (UTF-8 text, null without a key) and
 * {@code timestamp} (epoch ms). An app asking for another name stops at start, naming the ones there are.
 */
final class RecordTransportProperties {

    private static final List<String> NAMES = List.of("topic", "partition", "offset", "key", "timestamp");

    private final List<Function<ConsumerRecord<byte[], byte[]>, Object>> readers;

    private RecordTransportProperties(List<Function<ConsumerRecord<byte[], byte[]>, Object>> readers) {
        this.readers = readers;
    }

    static RecordTransportProperties of(String[] requested) {
        if (requested == null) {
            return new RecordTransportProperties(List.of());
        }
        return new RecordTransportProperties(java.util.Arrays.stream(requested).map(RecordTransportProperties::reader)
                .toList());
    }

    private static Function<ConsumerRecord<byte[], byte[]>, Object> reader(String name) {
        return switch (name) {
            case "topic" -> ConsumerRecord::topic;
            case "partition" -> record -> String.valueOf(record.partition());
            case "offset" -> record -> String.valueOf(record.offset());
            case "key" -> record -> record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            case "timestamp" -> record -> String.valueOf(record.timestamp());
            default -> throw new IllegalArgumentException("no transport property 'trp:" + name + "' on a Kafka record"
                    + " (there are " + NAMES + ")");
        };
    }

    Object[] of(ConsumerRecord<byte[], byte[]> record) {
        Object[] values = new Object[readers.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = readers.get(i).apply(record);
        }
        return values;
    }
}
