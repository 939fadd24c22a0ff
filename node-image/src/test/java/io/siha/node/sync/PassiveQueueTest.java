package io.siha.node.sync;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.siha.node.sync.TestEvents.event;
import static io.siha.node.sync.TestEvents.seqs;
import static io.siha.node.sync.TestEvents.seqsOf;
import static org.assertj.core.api.Assertions.assertThat;

class PassiveQueueTest {

    private final PassiveQueue queue = new PassiveQueue(5);

    @Test
    void appendsOnlyTheNextSeqIgnoresRepeatsAndRejectsGaps() {
        assertThat(offer(1)).isEqualTo(PassiveQueue.Offer.APPENDED);
        assertThat(offer(2)).isEqualTo(PassiveQueue.Offer.APPENDED);
        assertThat(offer(1)).isEqualTo(PassiveQueue.Offer.DUPLICATE);
        assertThat(offer(4)).isEqualTo(PassiveQueue.Offer.GAP);

        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(1, 2));
        assertThat(queue.lastSeq()).isEqualTo(2);
    }

    @Test
    void aFullQueueRefusesRatherThanDrops() {
        for (long seq = 1; seq <= 5; seq++) {
            offer(seq);
        }

        assertThat(offer(6)).isEqualTo(PassiveQueue.Offer.FULL);
        assertThat(queue.size()).isEqualTo(5);
        assertThat(queue.position().fillPercent()).isEqualTo(100);
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(1, 5));
    }

    @Test
    void aControlTrimsWhatTheSnapshotCoversAndCanMoveThePositionAhead() {
        for (long seq = 1; seq <= 4; seq++) {
            offer(seq);
        }

        queue.persisted(2);
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(3, 4));
        assertThat(queue.persistedSeq()).isEqualTo(2);
        assertThat(queue.position()).isEqualTo(new PassiveQueue.Position(4, 2, 40));

        queue.persisted(10); // a snapshot beyond all we hold: the next event is 11
        assertThat(queue.size()).isZero();
        assertThat(queue.lastSeq()).isEqualTo(10);
        assertThat(offer(11)).isEqualTo(PassiveQueue.Offer.APPENDED);

        queue.persisted(5); // an older control changes nothing
        assertThat(queue.position()).isEqualTo(new PassiveQueue.Position(11, 10, 20));
    }

    @Test
    void eventsAfterReturnsTheTailForReplay() {
        for (long seq = 1; seq <= 5; seq++) {
            offer(seq);
        }

        assertThat(queue.eventsAfter(3)).containsExactly(event(4), event(5));
        assertThat(queue.uncoveredEventsThrough()).isEqualTo(5);
    }

    @Test
    void aNewerActiveOnAnEmptyQueueStartsFromNothing() {
        queue.admit(3);
        offer(1);
        offer(2);
        queue.persisted(2);

        assertThat(queue.admit(4)).isEqualTo(new PassiveQueue.Position(0, 0, 0));
        assertThat(queue.historyEpoch()).isEqualTo(4);
        assertThat(offer(1)).isEqualTo(PassiveQueue.Offer.APPENDED);
    }

    @Test
    void theSameActiveReconnectingSeesWhereTheQueueIs() {
        queue.admit(3);
        offer(1);
        offer(2);

        assertThat(queue.admit(3)).isEqualTo(new PassiveQueue.Position(2, 0, 40));
        assertThat(offer(3)).isEqualTo(PassiveQueue.Offer.APPENDED);
    }

    @Test
    void aNewerActiveMustCoverTheEventsHeldBeforeAnyOfItsOwnAreTaken() {
        queue.admit(3);
        for (long seq = 1; seq <= 4; seq++) {
            offer(seq);
        }
        queue.persisted(1);

        // Announced as empty: the new active sends its snapshot's CONTROL first, then its own events.
        assertThat(queue.admit(5)).isEqualTo(new PassiveQueue.Position(0, 0, 0));
        assertThat(offer(2)).isEqualTo(PassiveQueue.Offer.UNCOVERED);
        assertThat(queue.persisted(3)).isFalse(); // its state lacks event 4: nothing may go
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(2, 4));
        assertThat(queue.historyEpoch()).isEqualTo(3);
        assertThat(queue.uncoveredEventsThrough()).isEqualTo(4);

        assertThat(queue.persisted(4)).isTrue(); // its state has them all (it replayed them)
        assertThat(queue.size()).isZero();
        assertThat(queue.historyEpoch()).isEqualTo(5);
        assertThat(offer(5)).isEqualTo(PassiveQueue.Offer.APPENDED);
    }

    @Test
    void deliveredMarksBelongToTheQueuesHistory() {
        queue.admit(3);
        offer(1);
        offer(2);
        assertThat(queue.delivered(List.of(new DeliveredMark("sink#0", 1, 0)))).isTrue();
        assertThat(queue.delivered(List.of(new DeliveredMark("sink#0", 2, 1)))).isTrue();
        assertThat(queue.deliveredMarks()).containsExactly(new DeliveredMark("sink#0", 2, 1));

        queue.admit(4); // a newer active onto held events: none of its marks before its snapshot covers them
        assertThat(queue.delivered(List.of(new DeliveredMark("sink#0", 9, 0)))).isFalse();
        assertThat(queue.deliveredMarks()).containsExactly(new DeliveredMark("sink#0", 2, 1));

        queue.persisted(2);
        queue.admit(5); // a newer history on an empty queue starts without marks
        assertThat(queue.deliveredMarks()).isEmpty();
    }

    @Test
    void anAbandonedTakeoverKeepsTheEventsAsItsOwnTermsHistory() {
        queue.admit(3);
        offer(1);
        offer(2);

        queue.heldBy(4); // this node took epoch 4, replayed 1..2, and failed before its snapshot

        assertThat(queue.historyEpoch()).isEqualTo(4);
        assertThat(seqsOf(queue.eventsAfter(0))).isEqualTo(seqs(1, 2));
        queue.coveredThrough(2); // its next takeover's snapshot
        assertThat(queue.uncoveredEventsThrough()).isZero();
        assertThat(queue.lastSeq()).isEqualTo(2);
    }

    @Test
    void aQueueOfLargeEventsIsBoundedByItsHeapBeforeItsCount() {
        long fourEvents = 0;
        for (long seq = 1; seq <= 4; seq++) {
            fourEvents += EventCodec.encode(event(seq)).length + EncodedEvents.ENTRY_OVERHEAD_BYTES;
        }
        PassiveQueue bytesBound = new PassiveQueue(1_000, fourEvents);
        for (long seq = 1; seq <= 4; seq++) {
            assertThat(bytesBound.offer(seq, EventCodec.encode(event(seq)))).isEqualTo(PassiveQueue.Offer.APPENDED);
        }

        assertThat(bytesBound.offer(5, EventCodec.encode(event(5)))).as("4 events fill its bytes, not its count")
                .isEqualTo(PassiveQueue.Offer.FULL);
        assertThat(bytesBound.position().fillPercent()).as("the fuller bound is what the active hears").isEqualTo(100);
        bytesBound.persisted(2);
        assertThat(bytesBound.position().fillPercent()).isBetween(45, 55);
        assertThat(bytesBound.offer(5, EventCodec.encode(event(5)))).as("a snapshot frees their bytes")
                .isEqualTo(PassiveQueue.Offer.APPENDED);
    }

    @Test
    void aQueueBoundOfNoBytesIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PassiveQueue(10, 0))
                .hasMessageContaining("maxBytes must be >= 1");
    }

    private PassiveQueue.Offer offer(long seq) {
        return queue.offer(seq, EventCodec.encode(event(seq)));
    }
}
