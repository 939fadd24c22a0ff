package io.siha.node.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a small sample (failover times): no interpolation, so every figure was seen. */
final class Percentiles {

    private Percentiles() {
    }

    static long of(List<Long> sample, double percent) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("no sample to take the " + percent + "th percentile of");
        }
        long[] sorted = sample.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
