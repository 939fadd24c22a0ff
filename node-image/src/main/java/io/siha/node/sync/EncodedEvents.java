package io.siha.node.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * Encoded events with contiguous sequence numbers, oldest first, in a ring that grows by doubling. It is the
 * storage of both the active's {@link Journal} and the passive's {@link PassiveQueue}: an event costs its encoded
 * bytes plus one array header and one slot (about 100 bytes for three attributes and a UUID id), where a decoded
 * {@link SyncEvent} with its boxed values and strings costs several times that. Not thread-safe: its owner locks.
 */
final class EncodedEvents {

    private byte[][] ring = new byte[1024][];
    private int head;
    private int size;
    /** Sequence number of the entry at {@code head}; meaningless while empty. */
    private long firstSeq;
    /** The entries' heap: their bytes plus {@link #ENTRY_OVERHEAD_BYTES} each (the ring itself not counted). */
    private long heapBytes;

    /** An entry's array header and alignment, and its slot in the ring. */
    static final int ENTRY_OVERHEAD_BYTES = 24;

    /** Appends the event after the newest; the caller has checked that {@code seq} follows it. */
    void append(long seq, byte[] encoded) {
        if (size == ring.length) {
            grow();
        }
        if (size == 0) {
            firstSeq = seq;
        }
        ring[(head + size) & (ring.length - 1)] = encoded;
        size++;
        heapBytes += encoded.length + ENTRY_OVERHEAD_BYTES;
    }

    /** Drops every entry up to and including {@code seq}. */
    void dropThrough(long seq) {
        while (size > 0 && firstSeq <= seq) {
            heapBytes -= ring[head].length + ENTRY_OVERHEAD_BYTES;
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            firstSeq++;
        }
    }

    void clear() {
        dropThrough(Long.MAX_VALUE);
    }

    int size() {
        return size;
    }

    /** What the entries take of the heap, about: what the queue's memory bound counts. */
    long heapBytes() {
        return heapBytes;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The oldest entry's sequence number; only meaningful when not empty. */
    long firstSeq() {
        return firstSeq;
    }

    /** The newest entry's sequence number; only meaningful when not empty. */
    long lastSeq() {
        return firstSeq + size - 1;
    }

    /** The entry of {@code seq}, which must lie in {@link #firstSeq()}..{@link #lastSeq()}. */
    byte[] get(long seq) {
        return ring[(int) ((head + (seq - firstSeq)) & (ring.length - 1))];
    }

    /** The entries after {@code afterSeq}, decoded, in sequence order. */
    List<SyncEvent> decodedAfter(long afterSeq) {
        List<SyncEvent> after = new ArrayList<>();
        for (long seq = Math.max(afterSeq + 1, firstSeq); size > 0 && seq <= lastSeq(); seq++) {
            after.add(EventCodec.decode(get(seq), seq));
        }
        return after;
    }

    /** Up to {@code max} entries from {@code fromSeq}, which must lie in {@link #firstSeq()}..{@link #lastSeq()}. */
    List<SyncEvent> decodedRange(long fromSeq, int max) {
        long to = Math.min(lastSeq(), fromSeq + max - 1);
        List<SyncEvent> range = new ArrayList<>((int) (to - fromSeq + 1));
        for (long seq = fromSeq; seq <= to; seq++) {
            range.add(EventCodec.decode(get(seq), seq));
        }
        return range;
    }

    private void grow() {
        byte[][] bigger = new byte[ring.length * 2][];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
