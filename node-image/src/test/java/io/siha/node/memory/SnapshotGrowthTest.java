package io.siha.node.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotGrowthTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aGrowingStateIsExpectedToKeepGrowingForAtMostOneMoreGap() {
        SnapshotGrowth growth = SnapshotGrowth.NONE.next(10_000_000, 5 * SECOND).next(30_000_000, 6 * SECOND);
        assertThat(growth.bytesPerSec()).isEqualTo(20_000_000.0);
        assertThat(growth.expectedAt(6 * SECOND)).as("just written").isEqualTo(30_000_000);
        assertThat(growth.expectedAt(6 * SECOND + SECOND / 2)).as("half a gap on").isEqualTo(40_000_000);
        assertThat(growth.expectedAt(60 * SECOND)).as("idle: one more step at most").isEqualTo(50_000_000);
    }

    @Test
    void aSteadyOrShrinkingStateExpectsNoGrowthAndTheFirstSnapshotNone() {
        SnapshotGrowth first = SnapshotGrowth.NONE.next(30_000_000, SECOND);
        assertThat(first.expectedAt(10 * SECOND)).isEqualTo(30_000_000);
        SnapshotGrowth shrunk = first.next(20_000_000, 2 * SECOND);
        assertThat(shrunk.bytesPerSec()).isZero();
        assertThat(shrunk.expectedAt(3 * SECOND)).isEqualTo(20_000_000);
        assertThat(shrunk.next(20_000_000, 2 * SECOND).expectedAt(9 * SECOND)).as("same instant: no rate")
                .isEqualTo(20_000_000);
    }
}
