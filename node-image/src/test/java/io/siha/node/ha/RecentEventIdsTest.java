package io.siha.node.ha;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentEventIdsTest {

    @Test
    void theOldestIdsFallOutAndASnapshotTakesTheNewest() {
        RecentEventIds ids = new RecentEventIds(3);
        for (int i = 1; i <= 5; i++) {
            ids.add("e" + i, i);
        }
        assertThat(ids.seqOf("e1")).isEmpty();
        assertThat(ids.seqOf("e5")).hasValue(5);
        assertThat(ids.newest(2)).containsExactly("e4", "e5");
        assertThat(ids.newest(10)).containsExactly("e3", "e4", "e5");
    }

    @Test
    void anIdAddedAgainKeepsItsPlaceSoItFallsOutWhenItsFirstArrivalDoes() {
        RecentEventIds ids = new RecentEventIds(3);
        ids.add("a", 1);
        ids.add("b", 2);
        ids.add("a", 3); // a replayed id restored from a snapshot, say: not a new arrival
        ids.add("c", 4);

        assertThat(ids.newest(10)).containsExactly("a", "b", "c");
        assertThat(ids.seqOf("a")).hasValue(3);
        ids.add("d", 5);
        assertThat(ids.seqOf("a")).isEmpty();
        assertThat(ids.newest(10)).containsExactly("b", "c", "d");
    }
}
