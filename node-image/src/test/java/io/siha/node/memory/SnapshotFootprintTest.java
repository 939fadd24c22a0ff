package io.siha.node.memory;

import io.siha.node.engine.AppSource;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;
import io.siha.node.state.NodeSnapshot;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a snapshot allocates, measured on a real Siddhi runtime with 20 MiB of state: Siddhi's serialization (its
 * buffer doubling as it grows, then copied out) about 4.2 x the state in all, of which at most 3 x is alive at once (the
 * last doubled buffer and its copy), and the node's snapshot record exactly 1 x more, written at its final size. The
 * live peak is what {@link HeapGuard#SNAPSHOT_COPIES} provides for; {@code HeapFaultsTest} checks it end to end.
 */
class SnapshotFootprintTest {

    private static final Logger log = LoggerFactory.getLogger(SnapshotFootprintTest.class);
    private static final String HOARD = """
            @app:name('Hoard')
            define stream Notes (kind string, body string);
            define window Held (kind string, body string) length(1000);
            from Notes insert into Held;
            """;
    private static final int NOTES = 80;
    private static final int NOTE_CHARS = 256 * 1024;

    @Test
    void aSnapshotAllocatesNoMoreThanTheGuardAllowsForTheNextOne() {
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("hoard.siddhi", HOARD)))) {
            engine.start();
            StreamInput notes = engine.input("Hoard", "Notes");
            String body = "n".repeat(NOTE_CHARS);
            for (int i = 0; i < NOTES; i++) {
                notes.send(System.currentTimeMillis(), new Object[] {"note", body + i});
            }
            new NodeSnapshot(0, engine.snapshot(), List.of(), Map.of()).toBytes(); // classes loaded, buffers sized once

            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            Map<String, byte[]> states = engine.snapshot();
            long bySiddhi = threads.getCurrentThreadAllocatedBytes() - before;
            NodeSnapshot snapshot = new NodeSnapshot(1, states, List.of(), Map.of());
            long beforeRecord = threads.getCurrentThreadAllocatedBytes();
            byte[] written = snapshot.toBytes();
            long byRecord = threads.getCurrentThreadAllocatedBytes() - beforeRecord;

            long state = snapshot.stateBytes();
            log.info("snapshot of {} MiB of state: Siddhi allocated {} x the state, the snapshot record {} x", state >> 20,
                    String.format("%.2f", (double) bySiddhi / state), String.format("%.3f", (double) byRecord / state));
            assertThat(state).as("the notes are in the state").isGreaterThan((long) NOTES * NOTE_CHARS);
            assertThat(written.length).as("the record holds the state").isGreaterThan((int) state);
            assertThat(byRecord).as("the record is written once, at its size: no growing buffer, no copy")
                    .isLessThan(state + state / 50);
            // Doubling allocates at most 2 x the final buffer (under 2 x the state) plus the copy: 5 x bounds it.
            assertThat(bySiddhi).as("Siddhi's serialization, against the doubling buffer's bound")
                    .isLessThan(5 * state);
        }
    }
}
