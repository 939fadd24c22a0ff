package io.siha.node.ha;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Client event ids seen recently, with the sequence number each was given, so a retried event is counted once.
 * Bounded: the oldest ids fall out first (a client retries within seconds, not after a million newer events).
 *
 * <p>The order of arrival is kept apart from the lookup map so that a snapshot's newest ids are read from the young
 * end, in time proportional to how many it takes: copying every id (100,000) for each snapshot was 3.5% of the
 * active's CPU at high rates, when the journal's bound calls for several snapshots a second.
 */
final class RecentEventIds {

    private final int capacity;
    private final Map<String, Long> seqById = new HashMap<>();
    /** The ids in the order they were first added, oldest first. */
    private final ArrayDeque<String> arrival = new ArrayDeque<>();

    RecentEventIds(int capacity) {
        this.capacity = capacity;
    }

    /**
     * What an id is remembered under: a client's id names an event of one app's stream, so the same key sent to two
     * apps (an Idempotency-Key each of two sources saw) is two events. App and stream names are Siddhi identifiers,
     * without a slash. (Before, ids were node-wide: the second app's event was acknowledged and never processed.)
     */
    static String key(String app, String stream, String eventId) {
        return app + "/" + stream + "/" + eventId;
    }

    OptionalLong seqOf(String id) {
        Long seq = seqById.get(id);
        return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    /** Remembers {@code id}; an id seen before keeps its place in the order (and takes the newer seq). */
    void add(String id, long seq) {
        if (seqById.put(id, seq) == null) {
            arrival.addLast(id);
            if (arrival.size() > capacity) {
                seqById.remove(arrival.pollFirst());
            }
        }
    }

    /** The newest {@code limit} ids, oldest first, as a snapshot stores them. */
    List<String> newest(int limit) {
        List<String> newest = new ArrayList<>(Math.min(limit, arrival.size()));
        Iterator<String> youngestFirst = arrival.descendingIterator();
        while (newest.size() < limit && youngestFirst.hasNext()) {
            newest.add(youngestFirst.next());
        }
        Collections.reverse(newest);
        return newest;
    }

    /** Restores ids from a snapshot: they belong to events at or before {@code seq}. */
    void addAll(List<String> ids, long seq) {
        ids.forEach(id -> add(id, seq));
    }
}
