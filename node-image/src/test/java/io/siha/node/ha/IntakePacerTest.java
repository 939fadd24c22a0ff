package io.siha.node.ha;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake's pace as the passive's queue fills. */
class IntakePacerTest {

    @Test
    void aBatchWaitsOnlyPastSixtyPercentAndInProportionToItsEventsAndTheFill() {
        assertThat(IntakePacer.waitNanos(100, 0)).isZero();
        assertThat(IntakePacer.waitNanos(100, 60)).isZero();
        assertThat(IntakePacer.waitNanos(100, 70)).isEqualTo(500_000); // a quarter of the way: 5 us an event
        assertThat(IntakePacer.waitNanos(100, 80)).isEqualTo(1_000_000);
        assertThat(IntakePacer.waitNanos(100, 100)).isEqualTo(2_000_000);
        assertThat(IntakePacer.waitNanos(1, 100)).isEqualTo(20_000);
        assertThat(IntakePacer.waitNanos(100, 130)).as("a fill beyond 100 counts as full").isEqualTo(2_000_000);
    }

    @Test
    void pacingWaitsWhileTheQueueIsFullAndNotOnceItIsTrimmed() {
        AtomicInteger fill = new AtomicInteger(100);
        IntakePacer pacer = new IntakePacer(fill::get);
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            pacer.pace(1_000); // 20 ms each at a full queue
        }
        long fullMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(fullMs).as("10 batches of 1,000 at a full queue").isGreaterThanOrEqualTo(200);

        fill.set(30);
        started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            pacer.pace(1_000);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("below 60 %").isLessThan(100);
    }
}
