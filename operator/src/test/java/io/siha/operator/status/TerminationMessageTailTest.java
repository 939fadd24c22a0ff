package io.siha.operator.status;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
        assertThat(TerminationMessageTail.of(NODE_LOG)).isEqualTo("invalid Siddhi app: orders.siddhi: Error on"
                + " 'Orders' @ Line: 2. Position: 137, near '@source(type='kafka')'. No extension exist for source:kafka");
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
        assertThat(TerminationMessageTail.of(log)).isEqualTo("[main] WARN NodeProcess - orders.siddhi: a time window"
                + " | FATAL java.lang.IllegalStateException: boom in siha-sync: stopping the node so that its peer"
                + " takes over | Caused by: java.io.IOException: disk full");
    }

    @Test
    void isBoundedToOneKibibyteKeepingTheLastLinesAndTheStartOfALongOne() {
        String line = "x".repeat(300);
        String many = (line + "\n").repeat(10) + "the last line\n";
        String tail = TerminationMessageTail.of(many);
        assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationMessageTail.MAX_BYTES);
        assertThat(tail).endsWith(" | the last line").startsWith(line);

        String huge = "invalid Siddhi app: " + "é".repeat(2000);
        String cut = TerminationMessageTail.of(huge);
        assertThat(cut).startsWith("invalid Siddhi app: ").endsWith("...");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationMessageTail.MAX_BYTES);
    }

    @Test
    void aLogOfOnlyInformationalRecordsStillGivesItsLastLine() {
        assertThat(TerminationMessageTail.of("2026-12-02T06:36:30.452+0000 [main] INFO A - one\n"
                + "2026-12-02T06:36:31.452+0000 [main] INFO A - two\n\n")).isEqualTo("[main] INFO A - two");
        assertThat(TerminationMessageTail.of("")).isEmpty();
        assertThat(TerminationMessageTail.of(null)).isEmpty();
    }
}
