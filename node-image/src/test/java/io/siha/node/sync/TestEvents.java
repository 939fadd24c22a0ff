package io.siha.node.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** Events whose content follows from their seq, so a test can tell which one it holds. */
final class TestEvents {

    private TestEvents() {
    }

    static SyncEvent event(long seq) {
        return new SyncEvent(seq, 1_700_000_000_000L + seq, "counter", "Input", seq % 3 == 0 ? null : "id-" + seq,
                new Object[] {"sym-" + (seq % 7), (int) seq, seq * 1000, seq % 2 == 0});
    }

    static List<SyncEvent> range(long from, long to) {
        List<SyncEvent> events = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            events.add(event(seq));
        }
        return events;
    }

    static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    static List<Long> seqsOf(List<SyncEvent> events) {
        return events.stream().map(SyncEvent::seq).toList();
    }

    static void replicate(SyncClient client, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            client.replicate(event(seq));
        }
    }
}
