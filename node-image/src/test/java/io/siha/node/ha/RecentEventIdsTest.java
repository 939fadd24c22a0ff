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
}
