package io.siha.node.sync;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {

    private final Journal journal = new Journal();

    @Test
    void keepsContiguousEntriesAndRefusesOutOfOrderOnes() {
        append(101, 103);

        assertThatThrownBy(() -> journal.append(105, new byte[1])).hasMessageContaining("105 does not follow seq 103");
        assertThatThrownBy(() -> journal.append(103, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThat(journal.size()).isEqualTo(3);
        assertThat(journal.lastSeq()).isEqualTo(103);
    }

    @Test
    void persistedTrimsCoveredEntriesAndFixesWhereTheNextEventMustStart() {
        append(1, 10);

        journal.persisted(3, 6);
        assertThat(journal.size()).isEqualTo(4);
        assertThat(journal.persisted()).isEqualTo(new Journal.Persisted(3, 6));

        journal.persisted(4, 20);
        assertThat(journal.size()).isZero();
        assertThatThrownBy(() -> journal.append(11, new byte[1])).hasMessageContaining("does not follow seq 20");
        journal.append(21, new byte[1]);
        assertThatThrownBy(() -> journal.persisted(5, 19)).hasMessageContaining("goes back");
    }

    @Test
    void batchesStartAfterTheGivenSeqAndStopAtTheWindowAndTheByteLimit() {
        append(1, 3000); // grows past the initial ring

        Frame.Events batch = journal.batchAfter(10, 20, 1000);
        assertThat(batch.firstSeq()).isEqualTo(11);
        assertThat(batch.encodedEvents()).hasSize(10);
        assertThat(batch.encodedEvents().get(0)[0]).isEqualTo((byte) 11);

        assertThat(journal.batchAfter(0, 3000, 25).encodedEvents()).hasSize(2); // 10 bytes each
        assertThat(journal.batchAfter(0, 3000, 1).encodedEvents()).hasSize(1);  // at least one
        assertThat(journal.batchAfter(3000, 5000, 1000)).isNull();
        assertThat(journal.batchAfter(20, 20, 1000)).isNull();

        journal.persisted(1, 2500);
        assertThat(journal.batchAfter(100, 5000, 1000).firstSeq()).isEqualTo(2501); // the caller sees the gap
    }

    @Test
    void theHeapItsEntriesTakeFollowsAppendsAndSnapshots() {
        append(1, 10);
        assertThat(journal.heapBytes()).isEqualTo(10L * (10 + EncodedEvents.ENTRY_OVERHEAD_BYTES));
        journal.persisted(1, 4);
        assertThat(journal.heapBytes()).isEqualTo(6L * (10 + EncodedEvents.ENTRY_OVERHEAD_BYTES));
        journal.persisted(2, 10);
        assertThat(journal.heapBytes()).isZero();
    }

    private void append(long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            byte[] entry = new byte[10];
            entry[0] = (byte) seq;
            journal.append(seq, entry);
        }
    }
}
