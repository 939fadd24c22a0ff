package io.siha.node.extensions.kafka;

import org.apache.kafka.common.TopicPartition;

import java.util.Optional;

/**
 * The event id of a Kafka record, {@code kafka:<topic>:<partition>:<offset>}: the record's place in the log, the same
 * whichever node reads it and however often. The pair counts an id once (the active's recent ids, in every snapshot),
 * so a record read again after a takeover is dropped, and the passive learns each event's record with the event,
 * which lets a takeover resume after the newest record the pair holds. (Topic names have no colons.)
 */
final class RecordIds {

    private static final String PREFIX = "kafka:";

    /** A record's place: its partition and offset. */
    record RecordAt(TopicPartition partition, long offset) {
    }

    private RecordIds() {
    }

    static String of(String topic, int partition, long offset) {
        return PREFIX + topic + ":" + partition + ":" + offset;
    }

    /**
     * The record an event id names, if it is a record's: the id of one of several events a record became
     * ({@code <record id>#i}, see {@code SourceEventIds}) names that record too.
     */
    static Optional<RecordAt> parse(String eventId) {
        if (eventId == null || !eventId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int hash = eventId.indexOf('#');
        String place = eventId.substring(PREFIX.length(), hash < 0 ? eventId.length() : hash);
        int offsetColon = place.lastIndexOf(':');
        int partitionColon = offsetColon <= 0 ? -1 : place.lastIndexOf(':', offsetColon - 1);
        if (partitionColon <= 0) {
            return Optional.empty();
        }
        try {
            int partition = Integer.parseInt(place.substring(partitionColon + 1, offsetColon));
            long offset = Long.parseLong(place.substring(offsetColon + 1));
            return Optional.of(new RecordAt(new TopicPartition(place.substring(0, partitionColon), partition),
                    offset));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
