package io.siha.operator.status;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TerminationMessageTailTest {

    /** What a node with an app using an extension it lacks writes before it exits (taken from a real run). */
    private static final String NODE_LOG = """
            NOTE: Picked up JDK_JAVA_OPTIONS: -XX:MaxRAMPercentage=75
            2026-12-02T06:36:30.452+0000 [main] INFO NodeProcess - si-ha-node 0.1.0 starting: node orders-0 of group orders
            2026-12-02T06:36:30.483+0000 [main] INFO KubernetesRolePublisher - pod orders-0 labelled passive
            invalid Siddhi app: orders.siddhi: Error on 'Orders' @ Line: 2. Position: 137, near '@source(type='kafka')'. \
            No extension exist for source:kafka
            """;

    @Test
    void keepsTheLineThatSaysWhyAndLeavesOutTheStartUpLogAndTheJvmsNote() {
        assertThat(TerminationMessageTail.of(NODE_LOG)).isEqualTo(new TerminationMessageTail("invalid Siddhi app:"
                + " orders.siddhi: Error on 'Orders' @ Line: 2. Position: 137, near '@source(type='kafka')'. No extension"
                + " exist for source:kafka", List.of()));
    }

    @Test
    void keepsWarningsAndCausesWithoutTheirTimestampsAndLeavesOutStackFrames() {
        String log = """
                2026-12-02T06:36:30.452+0000 [main] WARN NodeProcess - orders.siddhi: a time window
                FATAL java.lang.IllegalStateException: boom in siha-sync: stopping the node so that its peer takes over
                \tat io.siha.node.sync.SyncServer.run(SyncServer.java:42)
                Caused by: java.io.IOException: disk full
                \t... 3 more
                """;
        TerminationMessageTail tail = TerminationMessageTail.of(log);
        assertThat(tail.last()).isEqualTo("Caused by: java.io.IOException: disk full");
        assertThat(tail.context()).isEqualTo("[main] WARN NodeProcess - orders.siddhi: a time window"
                + " | FATAL java.lang.IllegalStateException: boom in siha-sync: stopping the node so that its peer"
                + " takes over");
    }

    @Test
    void isBoundedToOneKibibyteKeepingTheLastLinesAndTheStartOfALongOne() {
        String line = "x".repeat(300);
        String many = (line + "\n").repeat(10) + "the last line\n";
        TerminationMessageTail tail = TerminationMessageTail.of(many);
        assertThat(tail.last()).isEqualTo("the last line");
        assertThat(bytes(tail.last()) + bytes(" | ") + bytes(tail.context()))
                .isLessThanOrEqualTo(TerminationMessageTail.MAX_BYTES);
        assertThat(tail.before()).hasSize(3).allMatch(line::equals);

        String huge = "invalid Siddhi app: " + "é".repeat(2000);
        String cut = TerminationMessageTail.of("INFO before\n" + huge + "\n").last();
        assertThat(cut).startsWith("invalid Siddhi app: ").endsWith("...");
        assertThat(bytes(cut)).isLessThanOrEqualTo(TerminationMessageTail.MAX_BYTES);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aLogOfOnlyInformationalRecordsStillGivesItsLastLine() {
        assertThat(TerminationMessageTail.of("2026-12-02T06:36:30.452+0000 [main] INFO A - one\n"
                + "2026-12-02T06:36:31.452+0000 [main] INFO A - two\n\n").last()).isEqualTo("[main] INFO A - two");
        assertThat(TerminationMessageTail.of("").isEmpty()).isTrue();
        assertThat(TerminationMessageTail.of(null).isEmpty()).isTrue();
    }
}
