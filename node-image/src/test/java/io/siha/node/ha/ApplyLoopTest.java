package io.siha.node.ha;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The active's apply thread: order, barriers, the bound, failures and closing. */
class ApplyLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void eventsAreAppliedInOrderOnOneThreadAndEachBarrierSeesExactlyTheEventsQueuedBeforeIt() {
        List<Long> applied = new ArrayList<>(); // touched by the apply thread only
        AtomicReference<Thread> applyThread = new AtomicReference<>();
        List<CompletableFuture<Integer>> barriers = new ArrayList<>();
        try (ApplyLoop loop = new ApplyLoop("test-apply", 1_000_000, 0)) {
            for (long seq = 1; seq <= 20_000; seq++) {
                long s = seq;
                loop.enqueue(seq, 1, () -> {
                    applyThread.compareAndSet(null, Thread.currentThread());
                    assertThat(Thread.currentThread()).isSameAs(applyThread.get());
                    applied.add(s);
                });
                if (seq % 1000 == 0) {
                    barriers.add(loop.afterQueued(applied::size));
                }
            }
            for (int i = 0; i < barriers.size(); i++) {
                assertThat(barriers.get(i)).succeedsWithin(WAIT).isEqualTo((i + 1) * 1000);
            }
            assertThat(loop.whenApplied(20_000)).succeedsWithin(WAIT);
            assertThat(loop.appliedSeq()).isEqualTo(20_000);
        }
        assertThat(applied).hasSize(20_000).isSorted().doesNotHaveDuplicates();
        assertThat(applyThread.get().getName()).isEqualTo("test-apply");
    }

    @Test
    void intakeGoesOnWhileABarrierTaskHoldsTheThreadAndWaitsForRoomOnlyAtTheBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ApplyLoop loop = new ApplyLoop("test-apply", 3, 0)) {
            loop.enqueue(1, 1, () -> { });
            assertThat(loop.whenApplied(1)).succeedsWithin(WAIT);
            CountDownLatch entered = new CountDownLatch(1);
            CompletableFuture<String> slow = loop.afterQueued(() -> {
                entered.countDown();
                awaitQuietly(release);
                return "snapshot";
            });
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the apply thread is held in the barrier").isTrue();
            for (long seq = 2; seq <= 4; seq++) {
                loop.awaitRoom();
                loop.enqueue(seq, 1, () -> { });
            }
            CompletableFuture<Void> fourth = loop.whenApplied(4);
            CountDownLatch intakeWaited = new CountDownLatch(1);
            Thread intake = new Thread(() -> {
                loop.awaitRoom();
                intakeWaited.countDown();
                loop.enqueue(5, 1, () -> { });
            });
            intake.start();
            assertThat(intakeWaited.await(300, TimeUnit.MILLISECONDS)).as("the backlog is at its bound of 3").isFalse();
            assertThat(fourth).isNotDone();
            assertThat(slow).isNotDone();

            release.countDown();
            assertThat(slow).succeedsWithin(WAIT).isEqualTo("snapshot");
            assertThat(intakeWaited.await(10, TimeUnit.SECONDS)).isTrue();
            intake.join();
            assertThat(loop.whenApplied(5)).succeedsWithin(WAIT);
            assertThat(fourth).isDone();
        }
    }

    @Test
    void theBoundCountsEventsNotBatches() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ApplyLoop loop = new ApplyLoop("test-apply", 250, 0)) {
            CountDownLatch entered = new CountDownLatch(1);
            loop.afterQueued(() -> {
                entered.countDown();
                awaitQuietly(release);
                return null;
            });
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            loop.enqueue(100, 100, () -> { });
            loop.enqueue(200, 100, () -> { });
            loop.awaitRoom(); // 200 of 250
            loop.enqueue(300, 100, () -> { });
            assertThat(loop.backlog()).isEqualTo(300);
            CountDownLatch roomFound = new CountDownLatch(1);
            Thread intake = new Thread(() -> {
                loop.awaitRoom();
                roomFound.countDown();
            });
            intake.start();
            assertThat(roomFound.await(300, TimeUnit.MILLISECONDS)).as("300 events of 250").isFalse();
            release.countDown();
            assertThat(roomFound.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(loop.whenApplied(300)).succeedsWithin(WAIT);
            intake.join();
        }
    }

    @Test
    void theApplyThreadHandingEventsInItselfNeverWaitsForRoom() {
        try (ApplyLoop loop = new ApplyLoop("test-apply", 1, 0)) {
            AtomicInteger nested = new AtomicInteger();
            loop.enqueue(1, 1, () -> {
                for (long seq = 2; seq <= 5; seq++) { // a sink feeding an in-memory source, past the bound of 1
                    loop.awaitRoom();
                    loop.enqueue(seq, 1, nested::incrementAndGet);
                }
            });
            assertThat(loop.whenApplied(5)).succeedsWithin(WAIT);
            assertThat(nested).hasValue(4);
        }
    }

    @Test
    void anEventThatThrowsIsLoggedAndTheLoopGoesOn() {
        try (ApplyLoop loop = new ApplyLoop("test-apply", 100, 10)) {
            assertThat(loop.whenApplied(10)).as("covered by the state it started from").isDone();
            AtomicInteger after = new AtomicInteger();
            loop.enqueue(11, 1, () -> {
                throw new IllegalStateException("a bad event");
            });
            loop.enqueue(12, 1, after::incrementAndGet);
            assertThat(loop.whenApplied(12)).succeedsWithin(WAIT);
            assertThat(after).hasValue(1);
            assertThat(loop.afterQueued(() -> {
                throw new IllegalArgumentException("a failing store query");
            })).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(IllegalArgumentException.class);
            assertThat(loop.afterQueued(loop::appliedSeq)).succeedsWithin(WAIT).isEqualTo(12L);
        }
    }

    @Test
    void eventsAppliedBeforeTheLoopCountAsAppliedAndOnlyBeforeAnyIsQueued() {
        try (ApplyLoop loop = new ApplyLoop("test-apply", 100, 40)) {
            CompletableFuture<Void> replayed = loop.whenApplied(45);
            loop.appliedElsewhere(45); // a takeover's replay of 41 to 45
            assertThat(replayed).succeedsWithin(WAIT);
            assertThat(loop.whenApplied(44)).isDone();
            CountDownLatch release = new CountDownLatch(1);
            loop.afterQueued(() -> {
                awaitQuietly(release);
                return null;
            });
            loop.enqueue(46, 1, () -> { });
            try {
                assertThatThrownBy(() -> loop.appliedElsewhere(50)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("applied outside the loop after it had applied 45");
            } finally {
                release.countDown();
            }
            assertThat(loop.whenApplied(46)).succeedsWithin(WAIT);
        }
    }

    @Test
    void closingFailsWhatStillWaitsAndRefusesMore() {
        CountDownLatch release = new CountDownLatch(1);
        ApplyLoop loop = new ApplyLoop("test-apply", 100, 0);
        CompletableFuture<String> held = loop.afterQueued(() -> {
            awaitQuietly(release);
            return "held";
        });
        loop.enqueue(1, 1, () -> { });
        CompletableFuture<Void> first = loop.whenApplied(1);
        CompletableFuture<String> queuedBarrier = loop.afterQueued(() -> "never");
        Thread closer = new Thread(loop::close);
        closer.start();
        while (!loop.afterQueued(() -> "probe").isCompletedExceptionally()) {
            Thread.onSpinWait(); // until closed: only then may the held task end
        }
        release.countDown();
        assertThat(held).succeedsWithin(WAIT);
        assertThat(queuedBarrier).failsWithin(WAIT);
        assertThat(first).failsWithin(WAIT);
        assertThatThrownBy(() -> loop.enqueue(2, 1, () -> { })).hasMessageContaining("closed");
        assertThat(loop.afterQueued(() -> "late")).isCompletedExceptionally();
        assertThat(loop.whenApplied(2)).isCompletedExceptionally();
    }

    @Test
    void theBoundIsATenthOfTheHeapBetweenTenThousandAndAMillionEntries() {
        assertThat(ApplyLoop.boundForHeap(2L << 30)).isEqualTo(715_827);
        assertThat(ApplyLoop.boundForHeap(16L << 20)).isEqualTo(10_000);
        assertThat(ApplyLoop.boundForHeap(64L << 30)).isEqualTo(1_000_000);
        assertThatThrownBy(() -> new ApplyLoop("test-apply", 0, 0)).hasMessageContaining("positive");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
