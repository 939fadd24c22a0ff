package io.siha.node.ha;

import io.micrometer.core.instrument.Counter;
import io.siha.node.cluster.Member;
import io.siha.node.state.SnapshotPosition;
import io.siha.node.sync.PassiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Decides, at a takeover, what the new term continues from: the latest snapshot and the events of the passive queue
 * after it, provided both belong to one history and no live peer holds acknowledged events beyond them.
 *
 * <p>The peer check is what keeps an event safe when a takeover is abandoned: the node that replayed its queue and
 * failed before its snapshot keeps the queue and advertises it; the other node, restarted without those events, must
 * not take over from the older snapshot, and gives the lease back for the peer that has them.
 */
final class QueueHistory {

    private static final Logger log = LoggerFactory.getLogger(QueueHistory.class);

    private final PassiveQueue queue;
    private final Counter lostEvents;

    QueueHistory(PassiveQueue queue, Counter lostEvents) {
        this.queue = queue;
        this.lostEvents = lostEvents;
    }

    /**
     * The latest snapshot was written by a term newer than the one whose events the queue holds, so that term never
     * had them and its state cannot take them: replaying would count other events under the same numbers. This
     * happens only if a node took over without the events its peer held (both nodes lost in turn); they cannot be
     * saved, and the log and {@code siha_lost_events_total} say so.
     */
    void dropIfDiverged(Optional<SnapshotPosition> latest) {
        long held = queue.uncoveredEventsThrough();
        if (latest.isEmpty() || held == 0 || latest.get().epoch() <= queue.historyEpoch()) {
            return;
        }
        int count = queue.size();
        log.error("the queue holds {} events through seq {} of epoch {}, but the latest snapshot (revision {}, seq {})"
                        + " was written by the later epoch {}, which never had them: they cannot be replayed and are"
                        + " dropped", count, held, queue.historyEpoch(), latest.get().revision(),
                latest.get().lastSeq(), latest.get().epoch());
        lostEvents.increment(count);
        queue.dropDivergedHistory();
    }

    /**
     * Refuses the takeover if a peer heard from within {@code horizon} advertises events beyond what this node's
     * state will reach (the snapshot plus its own queue): those were acknowledged, and only the peer has them. A peer
     * silent for longer is taken for dead, and its events for lost: said in the log and counted.
     */
    void checkPeersHoldNoMore(Optional<SnapshotPosition> latest, List<Member> members, String self, Duration horizon)
            throws TakeoverSteps.NonRetryable {
        long reach = Math.max(latest.map(SnapshotPosition::lastSeq).orElse(0L), queue.uncoveredEventsThrough());
        for (Member member : members) {
            if (member.nodeId().equals(self) || member.heldEventsThrough() <= reach) {
                continue;
            }
            if (member.heartbeatAge().compareTo(horizon) < 0) {
                throw new TakeoverSteps.NonRetryable("peer " + member.nodeId() + " (heard from "
                        + member.heartbeatAge().toMillis() + " ms ago) holds events through seq "
                        + member.heldEventsThrough() + " that this node's state lacks (it reaches seq " + reach
                        + "): the lease is left for the peer", null);
            }
            long lost = member.heldEventsThrough() - reach;
            log.error("peer {} advertised events through seq {} and has not been heard from for {} ms: taking over"
                            + " without them; the {} acknowledged events after seq {} are lost", member.nodeId(),
                    member.heldEventsThrough(), member.heartbeatAge().toMillis(), lost, reach);
            lostEvents.increment(lost);
        }
    }
}
