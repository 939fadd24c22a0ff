package io.siha.node.extensions.kafka;

import io.siddhi.core.util.snapshot.state.State;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Kafka source's Siddhi state: per partition, the offset after the newest record the pair has processed. Being
 * Siddhi state it is in every snapshot, taken at the same barrier as the events' effects; it is advanced only once a
 * poll's events are held and applied ({@link RecordFeed}), so a snapshot never holds an offset whose record it lacks.
 * (It may lag the snapshot by the poll being handed over as the snapshot is taken: those records are read again after
 * a restore and dropped by their ids.) A takeover's replay advances it too, from the ids of the replayed events.
 */
final class ConsumedOffsets extends State {

    private static final String NEXT = "next";

    /** By {@code topic:partition}: plain strings in the snapshot, not Kafka's classes. */
    private final Map<String, Long> next = new ConcurrentHashMap<>();

    /** The offset to read next in {@code partition}, if the pair holds a record of it. */
    OptionalLong next(TopicPartition partition) {
        Long offset = next.get(key(partition));
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The record at {@code offset} of {@code partition} is processed (or skipped for good): read after it. */
    void processed(TopicPartition partition, long offset) {
        next.merge(key(partition), offset + 1, Math::max);
    }

    private static String key(TopicPartition partition) {
        return partition.topic() + ":" + partition.partition();
    }

    @Override
    public boolean canDestroy() {
        return false;
    }

    @Override
    public Map<String, Object> snapshot() {
        return Map.of(NEXT, new HashMap<>(next));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Map<String, Object> state) {
        next.clear();
        Object restored = state.get(NEXT);
        if (restored instanceof Map<?, ?> offsets) {
            next.putAll((Map<String, Long>) offsets);
        }
    }

    @Override
    public String toString() {
        return new HashMap<>(next).toString();
    }
}
