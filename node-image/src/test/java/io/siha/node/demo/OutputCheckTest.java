package io.siha.node.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCheckTest {

    private static OutputReceiver.Received alert(String key, long amount) {
        return new OutputReceiver.Received(key, "{\"event\":{\"region\":\"eu\",\"amount\":" + amount + "}}");
    }

    @Test
    void countsLostRepeatedReorderedAndUnexpectedOutputs() {
        OutputCheck check = OutputCheck.of(List.of(0L, 2L, 4L, 6L, 8L), List.of(
                alert("1-0", 0), alert("3-0", 2), alert("3-0", 2), // a repeat under its own id
                alert("9-0", 6), alert("5-0", 4),                  // 4 after 6: out of order
                alert("12-0", 2),                                  // a repeat under another id
                alert("13-0", 7)));                                // no order produces it

        assertThat(check).isEqualTo(new OutputCheck(5, 7, 1, 2, 1, 1, 1));
    }

    @Test
    void addsTheChecksOfTwoLanes() {
        OutputCheck one = new OutputCheck(5, 7, 1, 2, 1, 1, 1);
        OutputCheck two = new OutputCheck(3, 4, 0, 1, 0, 2, 0);

        assertThat(one.plus(two)).isEqualTo(new OutputCheck(8, 11, 1, 3, 1, 3, 1));
    }

    @Test
    void readsTheAmountOfAMappedAndOfAnUnmappedBody() {
        assertThat(OutputCheck.numberOf("{\"event\":{\"amount\":42}}")).isEqualTo(42);
        assertThat(OutputCheck.numberOf("{\"region\":\"eu\",\"amount\":7}")).isEqualTo(7);
        assertThat(OutputCheck.numberOf("not json")).isEqualTo(-1);
    }
}
