package io.siha.node.sync;

import org.junit.jupiter.api.Test;

import static io.siha.node.sync.TestEvents.event;
import static io.siha.node.sync.TestEvents.seqs;
import static io.siha.node.sync.TestEvents.seqsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The queue as a hot standby reads it: covered events kept until applied, gaps and history changes told. */
class PassiveQueueStandbyTest {

    private final PassiveQueue queue = new PassiveQueue(5);

    @Test
    void aCoveredEventStaysUntilTheStandbyAppliedIt() throws InterruptedException {
        queue.holdForStandby();
        for (long seq = 1; seq <= 4; seq++) {
            offer(seq);
        }
        queue.persisted(3);

        assertThat(queue.size()).as("only seq 4 is uncovered").isEqualTo(1);
        assertThat(queue.uncoveredEventsThrough()).isEqualTo(4);
        assertThat(seqsOf(queue.standbyBatch(0, 10, 0).events())).isEqualTo(seqs(1, 4));

        queue.standbyApplied(2);
        assertThat(seqsOf(queue.standbyBatch(2, 10, 0).events())).isEqualTo(seqs(3, 4));
        assertThat(queue.standbyBatch(0, 10, 0).gap()).as("seq 1 and 2 are gone").isTrue();

        queue.standbyApplied(4); // applied beyond the snapshot: the uncovered one stays for a cold takeover
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(4, 4));
        queue.persisted(4);
        assertThat(queue.uncoveredEventsThrough()).isZero();
        assertThat(queue.standbyBatch(4, 10, 0).events()).isEmpty();
    }

    @Test
    void heldCoveredEventsDoNotFillTheQueue() {
        queue.holdForStandby();
        for (long seq = 1; seq <= 5; seq++) {
            offer(seq);
        }
        queue.persisted(5);

        assertThat(offer(6)).as("the capacity bounds uncovered events only").isEqualTo(PassiveQueue.Offer.APPENDED);
        assertThat(queue.position()).isEqualTo(new PassiveQueue.Position(6, 5, 20));
    }

    @Test
    void aStandbyTwoCapacitiesBehindLosesItsOldestEventsAndIsToldSo() throws InterruptedException {
        queue.holdForStandby();
        long generation = queue.generation();
        for (long seq = 1; seq <= 10; seq++) {
            offer(seq);
            queue.persisted(seq);
        }
        assertThat(queue.generation()).isEqualTo(generation);

        offer(11); // ten held: the standby never applied one

        assertThat(queue.generation()).isGreaterThan(generation);
        assertThat(queue.standbyBatch(0, 10, 0).gap()).isTrue();
        assertThat(seqsOf(queue.standbyBatch(10, 10, 0).events())).isEqualTo(seqs(11, 11));
    }

    @Test
    void aNewerActiveStartsAnotherGeneration() {
        queue.admit(1);
        queue.holdForStandby();
        offer(1);
        queue.persisted(1);
        long generation = queue.generation();

        queue.admit(2);

        assertThat(queue.generation()).isGreaterThan(generation);
        assertThat(queue.eventsAfter(0)).as("the covered event held for the standby belongs to epoch 1").isEmpty();
        assertThat(queue.historyEpoch()).isEqualTo(2);
    }

    @Test
    void releasedByTheStandbyOnlySnapshotsTrim() {
        queue.holdForStandby();
        for (long seq = 1; seq <= 3; seq++) {
            offer(seq);
        }
        queue.persisted(2);
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(1, 3));

        queue.releaseStandby();

        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(3, 3));
    }

    @Test
    void aWaitingStandbyIsWokenByTheNextEvent() throws Exception {
        queue.holdForStandby();
        Thread sender = new Thread(() -> {
            sleep(100);
            offer(1);
        });
        sender.start();
        long started = System.nanoTime();

        PassiveQueue.StandbyBatch batch = queue.standbyBatch(0, 10, 5_000);

        assertThat(seqsOf(batch.events())).isEqualTo(seqs(1, 1));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);
        sender.join();
    }

    private PassiveQueue.Offer offer(long seq) {
        return queue.offer(seq, EventCodec.encode(event(seq)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
