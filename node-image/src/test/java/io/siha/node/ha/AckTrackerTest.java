package io.siha.node.ha;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class AckTrackerTest {

    @Test
    void anEventIsAcknowledgedOnceThePassiveHoldsItOrASnapshotCoversIt() {
        LatencyHistogram waited = new LatencyHistogram();
        AckTracker acks = new AckTracker(true, waited);
        CompletableFuture<Void> first = acks.whenDurable(1);
        CompletableFuture<Void> second = acks.whenDurable(2);
        CompletableFuture<Void> third = acks.whenDurable(3);
        assertThat(acks.waiting()).isEqualTo(3);

        acks.passiveAcked(1);
        assertThat(first).isCompleted();
        assertThat(second).isNotDone();

        acks.persisted(2);
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        assertThat(acks.durableSeq()).isEqualTo(2);

        acks.passiveAcked(5);
        assertThat(third).isCompleted();
        assertThat(acks.whenDurable(4)).as("already durable").isCompleted();
        assertThat(acks.waiting()).isZero();
        assertThat(waited.snapshot().count()).as("one wait recorded per released waiter").isEqualTo(3);
    }

    @Test
    void aWaiterAddedAfterTheTermEndedFailsAtOnceInsteadOfHanging() {
        AckTracker acks = new AckTracker(true, new LatencyHistogram());
        acks.failAll(new IllegalStateException("epoch 3 ended"));
        assertThat(acks.whenDurable(1)).as("a request on a connection still open to the deposed active")
                .isCompletedExceptionally();
        assertThat(acks.waiting()).isZero();
    }

    @Test
    void aLateOrOlderAckNeverMovesDurabilityBackwards() {
        AckTracker acks = new AckTracker(true, new LatencyHistogram());
        acks.passiveAcked(10);
        acks.passiveAcked(3);
        assertThat(acks.durableSeq()).isEqualTo(10);
    }

    @Test
    void losingTheLeaseFailsEveryWaiterSoClientsRetryElsewhere() {
        AckTracker acks = new AckTracker(true, new LatencyHistogram());
        CompletableFuture<Void> waiting = acks.whenDurable(1);
        acks.failAll(new IllegalStateException("epoch 3 ended"));
        assertThat(waiting).isCompletedExceptionally();
        assertThat(acks.waiting()).isZero();
    }

    @Test
    void withoutWaitingForThePassiveAnEventIsAcknowledgedAtOnce() {
        assertThat(new AckTracker(false, new LatencyHistogram()).whenDurable(99)).isCompleted();
    }
}
