package io.siha.node.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import java.util.concurrent.TimeUnit;

/**
 * A timer's histogram as {@code /v1/status} shows it: the count in each bucket (those of {@code boundsMicros}, then one
 * unbounded), the sum, and the p50 and p99 read from them. Two of them subtract, so a reader (the benchmark) gets the
 * distribution of just the interval between them, where the timer's own figures run since the node started.
 *
 * @param boundsMicros the buckets' upper bounds in microseconds
 * @param counts       the values in each bucket, not cumulative; one more than the bounds
 * @param sumMicros    the sum of all values
 */
public record LatencyDistribution(long[] boundsMicros, long[] counts, long sumMicros) {

    /** What {@code timer} recorded since it was made; its service-level objectives are the buckets. */
    public static LatencyDistribution of(Timer timer) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        CountAtBucket[] cumulative = snapshot.histogramCounts();
        long[] bounds = new long[cumulative.length];
        long[] counts = new long[cumulative.length + 1];
        long below = 0;
        for (int i = 0; i < cumulative.length; i++) {
            bounds[i] = Math.round(cumulative[i].bucket(TimeUnit.MICROSECONDS));
            long upTo = (long) cumulative[i].count();
            counts[i] = upTo - below;
            below = upTo;
        }
        counts[cumulative.length] = Math.max(0, snapshot.count() - below);
        return new LatencyDistribution(bounds, counts, Math.round(snapshot.total(TimeUnit.MICROSECONDS)));
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

    /** What happened between {@code earlier} (of the same timer) and this one. */
    public LatencyDistribution minus(LatencyDistribution earlier) {
        long[] diff = new long[counts.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = counts[i] - earlier.counts[i];
        }
        return new LatencyDistribution(boundsMicros, diff, sumMicros - earlier.sumMicros);
    }

    /**
     * The {@code q} quantile (0..1) in microseconds, interpolated linearly inside its bucket as Prometheus'
     * {@code histogram_quantile} does; 0 when empty. A value in the unbounded bucket reads as the last bound.
     */
    public long quantileMicros(double q) {
        long total = count();
        if (total == 0 || boundsMicros.length == 0) {
            return 0;
        }
        long last = boundsMicros[boundsMicros.length - 1];
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (below + counts[i] >= rank && counts[i] > 0) {
                if (i == boundsMicros.length) {
                    return last;
                }
                long lower = i == 0 ? 0 : boundsMicros[i - 1];
                double within = (rank - below) / counts[i];
                return Math.round(lower + within * (boundsMicros[i] - lower));
            }
            below += counts[i];
        }
        return last;
    }
}
