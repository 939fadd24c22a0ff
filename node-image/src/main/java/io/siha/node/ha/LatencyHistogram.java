package io.siha.node.ha;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A cumulative latency histogram with fixed bucket bounds, as Prometheus exposes one: cheap to record from any
 * thread (one atomic add), read as a {@link Snapshot}. Two snapshots subtract, so a reader (the benchmark, a
 * dashboard) gets the distribution of just the interval between them.
 */
public final class LatencyHistogram {

    /** Upper bounds in microseconds; a last, unbounded bucket follows. Fine below 2 ms, where the targets lie. */
    static final long[] BOUNDS_MICROS = {50, 100, 200, 300, 400, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000,
            7_500, 10_000, 20_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 10_000_000};

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_MICROS.length + 1);
    private final AtomicLong sumMicros = new AtomicLong();

    public void record(long nanos) {
        long micros = Math.max(0, nanos / 1_000);
        int bucket = 0;
        while (bucket < BOUNDS_MICROS.length && micros > BOUNDS_MICROS[bucket]) {
            bucket++;
        }
        counts.incrementAndGet(bucket);
        sumMicros.addAndGet(micros);
    }

    public Snapshot snapshot() {
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return new Snapshot(copy, sumMicros.get());
    }

    /**
     * The counts per bucket ({@link #bucketBoundsMicros()}, then one unbounded) and the sum of all values.
     */
    public record Snapshot(long[] counts, long sumMicros) {

        public static long[] bucketBoundsMicros() {
            return BOUNDS_MICROS.clone();
        }

        public long count() {
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            return total;
        }

        @JsonProperty("p50Micros")
        public long p50Micros() {
            return quantileMicros(0.50);
        }

        @JsonProperty("p99Micros")
        public long p99Micros() {
            return quantileMicros(0.99);
        }

        /** What happened between {@code earlier} and this snapshot. */
        public Snapshot minus(Snapshot earlier) {
            long[] diff = new long[counts.length];
            for (int i = 0; i < diff.length; i++) {
                diff[i] = counts[i] - earlier.counts[i];
            }
            return new Snapshot(diff, sumMicros - earlier.sumMicros);
        }

        /**
         * The {@code q} quantile (0..1) in microseconds, interpolated linearly inside its bucket as Prometheus'
         * {@code histogram_quantile} does; 0 when empty. A value in the unbounded bucket reads as the last bound.
         */
        public long quantileMicros(double q) {
            long total = count();
            if (total == 0) {
                return 0;
            }
            double rank = q * total;
            long below = 0;
            for (int i = 0; i < counts.length; i++) {
                if (below + counts[i] >= rank && counts[i] > 0) {
                    if (i == BOUNDS_MICROS.length) {
                        return BOUNDS_MICROS[BOUNDS_MICROS.length - 1];
                    }
                    long lower = i == 0 ? 0 : BOUNDS_MICROS[i - 1];
                    double within = (rank - below) / counts[i];
                    return Math.round(lower + within * (BOUNDS_MICROS[i] - lower));
                }
                below += counts[i];
            }
            return BOUNDS_MICROS[BOUNDS_MICROS.length - 1];
        }
    }
}
