package io.siha.node.ha;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {

    @Test
    void quantilesInterpolateInsideTheBucketAndAnIntervalIsTheDifferenceOfTwoSnapshots() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.snapshot().quantileMicros(0.99)).as("empty").isZero();
        for (int i = 0; i < 100; i++) {
            histogram.record(150_000); // 150 us: bucket 100..200
        }
        LatencyHistogram.Snapshot first = histogram.snapshot();
        assertThat(first.count()).isEqualTo(100);
        assertThat(first.sumMicros()).isEqualTo(15_000);
        assertThat(first.p50Micros()).isEqualTo(150);
        assertThat(first.p99Micros()).isEqualTo(199);

        for (int i = 0; i < 100; i++) {
            histogram.record(1_800_000); // 1.8 ms: bucket 1500..2000
        }
        LatencyHistogram.Snapshot interval = histogram.snapshot().minus(first);
        assertThat(interval.count()).isEqualTo(100);
        assertThat(interval.p50Micros()).isEqualTo(1_750);
        assertThat(histogram.snapshot().p99Micros()).isEqualTo(1_990);
    }

    @Test
    void valuesBeyondTheLastBoundAndNegativeOnesStillCount() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(60_000_000_000L);
        histogram.record(-5);

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertThat(snapshot.count()).isEqualTo(2);
        assertThat(snapshot.quantileMicros(1.0)).isEqualTo(10_000_000);
        assertThat(snapshot.quantileMicros(0.25)).isEqualTo(25); // the negative one reads as 0..50 us: rank 0.5 of 1
    }
}
