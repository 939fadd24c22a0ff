package io.siha.node.ha;

import io.siha.node.metrics.AckWaitMeter;
import io.siha.node.metrics.NodeMeters;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class AckTrackerTest {

    @Test
    void anEventIsAcknowledgedOnceThePassiveHoldsItOrASnapshotCoversIt() {
        AckWaitMeter waited = NodeMeters.unscraped().ackWait();
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
        assertThat(waited.distribution().count()).as("one wait recorded per released waiter").isEqualTo(3);
    }

    @Test
    void aWaiterAddedAfterTheTermEndedFailsAtOnceInsteadOfHanging() {
        AckTracker acks = new AckTracker(true, NodeMeters.unscraped().ackWait());
        acks.failAll(new IllegalStateException("epoch 3 ended"));
        assertThat(acks.whenDurable(1)).as("a request on a connection still open to the deposed active")
                .isCompletedExceptionally();
        assertThat(acks.waiting()).isZero();
    }

    @Test
    void aLateOrOlderAckNeverMovesDurabilityBackwards() {
        AckTracker acks = new AckTracker(true, NodeMeters.unscraped().ackWait());
        acks.passiveAcked(10);
        acks.passiveAcked(3);
        assertThat(acks.durableSeq()).isEqualTo(10);
    }

    @Test
    void losingTheLeaseFailsEveryWaiterSoClientsRetryElsewhere() {
        AckTracker acks = new AckTracker(true, NodeMeters.unscraped().ackWait());
        CompletableFuture<Void> waiting = acks.whenDurable(1);
        acks.failAll(new IllegalStateException("epoch 3 ended"));
        assertThat(waiting).isCompletedExceptionally();
        assertThat(acks.waiting()).isZero();
    }

    @Test
    void withoutWaitingForThePassiveAnEventIsAcknowledgedAtOnce() {
        assertThat(new AckTracker(false, NodeMeters.unscraped().ackWait()).whenDurable(99)).isCompleted();
    }
}
