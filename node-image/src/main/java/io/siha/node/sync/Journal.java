package io.siha.node.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The active's record of the events no snapshot covers yet, encoded once, so they can be sent again to a passive
 * that reconnects or restarts empty. Entries are contiguous by sequence number; a snapshot trims the ones it
 * covers. Thread-safe: the caller appends and persists, the I/O thread reads batches.
 */
final class Journal {

    /** The last snapshot the caller reported: its revision and the last sequence number it covers. */
    record Persisted(long revision, long seq) {
    }

    private final EncodedEvents entries = new EncodedEvents();
    /** The highest sequence number appended or persisted; 0 while neither has happened. */
    private long lastSeq;
    private Persisted persisted;

    synchronized void append(long seq, byte[] encoded) {
        if (lastSeq != 0 && seq != lastSeq + 1) {
            throw new IllegalArgumentException("event seq " + seq + " does not follow seq " + lastSeq
                    + "; events must be replicated in contiguous sequence order");
        }
        entries.append(seq, encoded);
        lastSeq = seq;
    }

    /** A snapshot covers everything up to {@code seq}: those entries are not needed any more. */
    synchronized void persisted(long revision, long seq) {
        if (persisted != null && seq < persisted.seq()) {
            throw new IllegalArgumentException("persisted seq " + seq + " goes back from " + persisted.seq());
        }
        entries.dropThrough(seq);
        lastSeq = Math.max(lastSeq, seq);
        persisted = new Persisted(revision, seq);
    }

    /** The last snapshot reported, or null before any. */
    synchronized Persisted persisted() {
        return persisted;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long heapBytes() {
        return entries.heapBytes();
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /**
     * The entries after {@code afterSeq} up to {@code maxSeq}, as many as fit in {@code maxBytes} (at least one),
     * or null when there are none. The batch may start after {@code afterSeq + 1} when the journal no longer holds
     * that entry; the caller decides what such a gap means.
     */
    synchronized Frame.Events batchAfter(long afterSeq, long maxSeq, int maxBytes) {
        if (entries.isEmpty()) {
            return null;
        }
        long from = Math.max(afterSeq + 1, entries.firstSeq());
        long to = Math.min(maxSeq, entries.lastSeq());
        if (from > to) {
            return null;
        }
        List<byte[]> batch = new ArrayList<>();
        int bytes = 0;
        for (long seq = from; seq <= to; seq++) {
            byte[] encoded = entries.get(seq);
            if (!batch.isEmpty() && bytes + encoded.length > maxBytes) {
                break;
            }
            batch.add(encoded);
            bytes += encoded.length;
        }
        return new Frame.Events(from, batch);
    }
}
