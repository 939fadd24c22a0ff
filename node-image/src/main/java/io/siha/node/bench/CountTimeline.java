package io.siha.node.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events counted per 100 ms since a start instant, for the failover chart: the acknowledgements, recorded from the
 * client's I/O thread (one atomic add per batch), and the outputs that reached the receiver.
 */
final class CountTimeline {

    static final long BUCKET_MS = 100;

    private final long startNanos;
    private final AtomicLongArray buckets;

    CountTimeline(long startNanos, int maxSeconds) {
        this.startNanos = startNanos;
        this.buckets = new AtomicLongArray((int) (maxSeconds * 1_000L / BUCKET_MS));
    }

    void add(long atNanos, int events) {
        long bucket = msSinceStart(atNanos) / BUCKET_MS;
        if (bucket >= 0 && bucket < buckets.length()) {
            buckets.addAndGet((int) bucket, events);
        }
    }

    long msSinceStart(long nanos) {
        return (nanos - startNanos) / 1_000_000;
    }

    /** The buckets from {@code fromMs} to {@code toMs} since the start. */
    long[] window(long fromMs, long toMs) {
        int from = (int) Math.max(0, fromMs / BUCKET_MS);
        int to = (int) Math.min(buckets.length(), toMs / BUCKET_MS);
        long[] window = new long[Math.max(0, to - from)];
        for (int i = 0; i < window.length; i++) {
            window[i] = buckets.get(from + i);
        }
        return window;
    }
}
