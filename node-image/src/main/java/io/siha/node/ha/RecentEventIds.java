package io.siha.node.ha;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Client event ids seen recently, with the sequence number each was given, so a retried event is counted once.
 * Bounded: the oldest ids fall out first (a client retries within seconds, not after a million newer events).
 */
final class RecentEventIds {

    private final int capacity;
    private final LinkedHashMap<String, Long> seqById;

    RecentEventIds(int capacity) {
        this.capacity = capacity;
        this.seqById = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > RecentEventIds.this.capacity;
            }
        };
    }

    OptionalLong seqOf(String id) {
        Long seq = seqById.get(id);
        return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    void add(String id, long seq) {
        seqById.put(id, seq);
    }

    /** The newest {@code limit} ids, oldest first, as a snapshot stores them. */
    List<String> newest(int limit) {
        List<String> all = new ArrayList<>(seqById.keySet());
        return all.size() <= limit ? all : new ArrayList<>(all.subList(all.size() - limit, all.size()));
    }

    /** Restores ids from a snapshot: they belong to events at or before {@code seq}. */
    void addAll(List<String> ids, long seq) {
        ids.forEach(id -> add(id, seq));
    }
}
