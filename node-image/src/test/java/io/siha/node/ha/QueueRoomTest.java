package io.siha.node.ha;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class QueueRoomTest {

    private static long seconds(double s) {
        return (long) (s * TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aCheapSnapshotIsTakenAtHalfFullAnExpensiveOneWhenTheQueueWouldRunOutOfRoom() {
        assertThat(QueueRoom.snapshotDue(50, seconds(3), seconds(0.01))).as("10 ms snapshots").isTrue();
        assertThat(QueueRoom.snapshotDue(50, seconds(3.7), seconds(1.4))).as("1.4 s snapshots: room for 2 left")
                .isFalse();
        // 1.4 s snapshots (a million events of state): at 65% after 4.5 s, two snapshots' events take 40%: now.
        assertThat(QueueRoom.snapshotDue(65, seconds(4.5), seconds(1.4))).isTrue();
        assertThat(QueueRoom.snapshotDue(55, seconds(4.1), seconds(1.4))).isFalse();
    }

    @Test
    void theBoundsHoldWhateverTheRate() {
        assertThat(QueueRoom.snapshotDue(49, seconds(0.1), seconds(10))).as("never before half full").isFalse();
        assertThat(QueueRoom.snapshotDue(80, seconds(100), 0)).as("always from 80% on").isTrue();
        assertThat(QueueRoom.snapshotDue(0, 0, seconds(1))).isFalse();
        assertThat(QueueRoom.snapshotDue(70, 0, seconds(1))).as("no time since: no rate to go by").isFalse();
    }
}
