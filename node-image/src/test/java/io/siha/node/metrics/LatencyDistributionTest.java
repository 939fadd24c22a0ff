package io.siha.node.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyDistributionTest {

    private final AckWaitMeter waits = new AckWaitMeter(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

    @Test
    void quantilesInterpolateInsideTheBucketAndAnIntervalIsTheDifferenceOfTwoDistributions() {
        assertThat(waits.distribution().quantileMicros(0.99)).as("empty").isZero();
        for (int i = 0; i < 100; i++) {
            waits.record(150_000); // 150 us: bucket 100..200
        }
        LatencyDistribution first = waits.distribution();
        assertThat(first.count()).isEqualTo(100);
        assertThat(first.sumMicros()).isEqualTo(15_000);
        assertThat(first.p50Micros()).isEqualTo(150);
        assertThat(first.p99Micros()).isEqualTo(199);

        for (int i = 0; i < 100; i++) {
            waits.record(1_800_000); // 1.8 ms: bucket 1500..2000
        }
        LatencyDistribution interval = waits.distribution().minus(first);
        assertThat(interval.count()).isEqualTo(100);
        assertThat(interval.p50Micros()).isEqualTo(1_750);
        assertThat(waits.distribution().p99Micros()).isEqualTo(1_990);
    }

    @Test
    void valuesBeyondTheLastBoundAndNegativeOnesStillCount() {
        waits.record(60_000_000_000L);
        waits.record(-5);

        LatencyDistribution all = waits.distribution();
        assertThat(all.count()).isEqualTo(2);
        assertThat(all.counts()[all.counts().length - 1]).as("the unbounded bucket").isEqualTo(1);
        assertThat(all.quantileMicros(1.0)).isEqualTo(10_000_000);
        assertThat(all.quantileMicros(0.25)).isEqualTo(25); // the negative one reads as 0..50 us: rank 0.5 of 1
    }

    @Test
    void theBucketsAreTheTimersOwnInMicroseconds() {
        assertThat(waits.distribution().boundsMicros()).startsWith(50, 100, 200).endsWith(2_500_000, 10_000_000);
    }
}
