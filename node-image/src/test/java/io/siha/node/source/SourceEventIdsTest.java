package io.siha.node.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceEventIdsTest {

    @Test
    void theKeyIsTheIdOfASingleEventAndNumberedForTheEventsOfABatch() {
        String[] key = {"req-7f3a"};

        assertThat(SourceEventIds.single(key)).isEqualTo("req-7f3a");
        assertThat(SourceEventIds.ofBatch(key, 0)).isEqualTo("req-7f3a#0");
        assertThat(SourceEventIds.ofBatch(key, 12)).isEqualTo("req-7f3a#12");
    }

    @Test
    void noKeyMeansNoId() {
        assertThat(SourceEventIds.single(null)).isNull();
        assertThat(SourceEventIds.single(new String[0])).isNull();
        assertThat(SourceEventIds.single(new String[] {""})).isNull();
        assertThat(SourceEventIds.ofBatch(new String[] {null}, 3)).isNull();
    }
}
