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

    /** An EVENTS frame carrying {@code events}, which must be contiguous from {@code firstSeq}. */
    static Frame.Events frame(long firstSeq, List<SyncEvent> events) {
        return new Frame.Events(firstSeq, events.stream().map(EventCodec::encode).toList());
    }

    /** The events an EVENTS frame carries, decoded. */
    static List<SyncEvent> eventsOf(Frame.Events frame) {
        List<SyncEvent> events = new ArrayList<>();
        for (int i = 0; i < frame.encodedEvents().size(); i++) {
            events.add(EventCodec.decode(frame.encodedEvents().get(i), frame.firstSeq() + i));
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
