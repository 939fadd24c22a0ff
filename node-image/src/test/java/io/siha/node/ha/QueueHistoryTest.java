package io.siha.node.ha;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siha.node.cluster.Member;
import io.siha.node.cluster.MemberAddress;
import io.siha.node.state.SnapshotPosition;
import io.siha.node.sync.PassiveQueue;
import io.siha.node.sync.QueueFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueHistoryTest {

    private static final Duration HORIZON = Duration.ofSeconds(30);
    private final Counter lostEvents = new SimpleMeterRegistry().counter("lost");

    @Test
    void aPeerHoldingEventsBeyondThisNodesStateKeepsItFromTakingOver() {
        QueueHistory history = new QueueHistory(new PassiveQueue(100), lostEvents);

        assertThatThrownBy(() -> history.checkPeersHoldNoMore(snapshot(3, 40), List.of(member("b", 90, 150)),
                "a", HORIZON)).isInstanceOf(TakeoverSteps.NonRetryable.class)
                .hasMessageContaining("peer b").hasMessageContaining("through seq 90")
                .hasMessageContaining("reaches seq 40");
    }

    @Test
    void eventsThePeerHoldsWithinThisNodesOwnQueueOrSnapshotDoNotStopIt() {
        QueueHistory history = new QueueHistory(QueueFixtures.holding(100, 3, 41, 90), lostEvents);

        assertThatCode(() -> history.checkPeersHoldNoMore(snapshot(3, 40), List.of(member("b", 90, 150),
                member("a", 500, 10)), "a", HORIZON)).doesNotThrowAnyException();
        assertThat(lostEvents.count()).isZero();
    }

    @Test
    void aPeerSilentPastTheHorizonIsTakenForDeadAndItsEventsAreCountedLost() {
        QueueHistory history = new QueueHistory(new PassiveQueue(100), lostEvents);

        assertThatCode(() -> history.checkPeersHoldNoMore(snapshot(3, 40), List.of(member("b", 90, 31_000)),
                "a", HORIZON)).doesNotThrowAnyException();
        assertThat(lostEvents.count()).isEqualTo(50);
    }

    @Test
    void aQueueOfAnOlderHistoryThanTheLatestSnapshotIsNotReplayedOntoIt() {
        PassiveQueue queue = QueueFixtures.holding(100, 3, 41, 90);
        QueueHistory history = new QueueHistory(queue, lostEvents);

        history.dropIfDiverged(snapshot(5, 120)); // written by epoch 5, which never had epoch 3's events 41..90

        assertThat(queue.size()).isZero();
        assertThat(queue.eventsAfter(120)).isEmpty();
        assertThat(lostEvents.count()).isEqualTo(50);
    }

    @Test
    void aQueueOfTheSnapshotsOwnHistoryIsKept() {
        PassiveQueue queue = QueueFixtures.holding(100, 3, 41, 90);
        QueueHistory history = new QueueHistory(queue, lostEvents);

        history.dropIfDiverged(snapshot(3, 60));
        history.dropIfDiverged(Optional.empty());

        assertThat(queue.size()).isEqualTo(50);
        assertThat(queue.eventsAfter(60)).hasSize(30);
        assertThat(lostEvents.count()).isZero();
    }

    @Test
    void anAbandonedTakeoversQueueContinuesIntoTheSnapshotOfItsOwnNextTerm() {
        PassiveQueue queue = QueueFixtures.holding(100, 3, 41, 90);
        queue.heldBy(4); // this node's takeover of epoch 4 replayed 41..90, then failed before its snapshot

        new QueueHistory(queue, lostEvents).dropIfDiverged(snapshot(3, 40));

        assertThat(queue.eventsAfter(40)).hasSize(50);
    }

    private static Optional<SnapshotPosition> snapshot(long epoch, long lastSeq) {
        return Optional.of(new SnapshotPosition(7, epoch, lastSeq));
    }

    private static Member member(String id, long heldThrough, long heardMsAgo) {
        return new Member(id, new MemberAddress("127.0.0.1", 1, 2, 3, 4), heldThrough, Duration.ofMillis(heardMsAgo));
    }
}
