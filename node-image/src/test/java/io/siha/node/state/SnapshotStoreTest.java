package io.siha.node.state;

import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The persistence database on a real PostgreSQL: epoch fencing, revisions, the snapshot format. */
class SnapshotStoreTest {

    private static final AtomicInteger GROUPS = new AtomicInteger();
    private SnapshotStore store;

    @BeforeEach
    void freshGroup() throws SQLException {
        store = new SnapshotStore(TestDatabase.shared().dataSource(), "snapshots-" + GROUPS.incrementAndGet(), 3);
        store.ensureSchema();
    }

    private static NodeSnapshot snapshot(long seq) {
        return new NodeSnapshot(seq, Map.of("App", new byte[] {1, 2, (byte) seq}), List.of("id-" + seq),
                Map.of("App", List.of("table T\t(k string)")));
    }

    @Test
    void theLatestSnapshotComesBackWithItsSequenceStateAndIds() throws Exception {
        assertThat(store.latest()).isEmpty();
        store.claim(1);
        assertThat(store.save(1, snapshot(10))).isEqualTo(1);
        assertThat(store.save(1, snapshot(20))).isEqualTo(2);
        StoredSnapshot latest = store.latest().orElseThrow();
        assertThat(latest.revision()).isEqualTo(2);
        assertThat(latest.epoch()).isEqualTo(1);
        assertThat(latest.snapshot().lastSeq()).isEqualTo(20);
        assertThat(latest.snapshot().appStates().get("App")).containsExactly(1, 2, 20);
        assertThat(latest.snapshot().recentEventIds()).containsExactly("id-20");
        assertThat(latest.snapshot().appShapes()).containsExactly(Map.entry("App", List.of("table T\t(k string)")));
    }

    @Test
    void aWriteOfAnOlderEpochIsRefusedOnceANewerOneClaimedTheState() throws Exception {
        store.claim(1);
        store.save(1, snapshot(10));
        store.claim(2);
        assertThatThrownBy(() -> store.save(1, snapshot(11))).isInstanceOf(StaleEpochException.class)
                .hasMessageContaining("epoch 1").hasMessageContaining("epoch 2");
        assertThatThrownBy(() -> store.claim(1)).isInstanceOf(StaleEpochException.class);
        assertThat(store.latest().orElseThrow().snapshot().lastSeq()).isEqualTo(10);
        assertThat(store.save(2, snapshot(12))).isEqualTo(2);
    }

    @Test
    void aWriteWithoutAClaimIsRefused() {
        assertThatThrownBy(() -> store.save(5, snapshot(1))).isInstanceOf(StaleEpochException.class);
    }

    @Test
    void onlyTheNewestRevisionsAreKept() throws Exception {
        store.claim(1);
        for (int i = 1; i <= 7; i++) {
            store.save(1, snapshot(i));
        }
        assertThat(store.revisionCount()).isEqualTo(3);
        assertThat(store.latest().orElseThrow().revision()).isEqualTo(7);
    }

    @Test
    void aCorruptSnapshotIsReportedNotRestored() {
        assertThatThrownBy(() -> NodeSnapshot.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] good = snapshot(3).toBytes();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 2);
        assertThatThrownBy(() -> NodeSnapshot.fromBytes(truncated)).hasMessageContaining("truncated or corrupt");
    }

    @Test
    void aSnapshotOfFormatOneWrittenBeforeShapesStillReads() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(0x53494841);
            out.writeInt(1);
            out.writeLong(42);
            out.writeInt(1);
            out.writeUTF("App");
            out.writeInt(2);
            out.write(new byte[] {7, 8});
            out.writeInt(1);
            out.writeUTF("id-1");
        }

        NodeSnapshot old = NodeSnapshot.fromBytes(bytes.toByteArray());

        assertThat(old.lastSeq()).isEqualTo(42);
        assertThat(old.appStates().get("App")).containsExactly(7, 8);
        assertThat(old.recentEventIds()).containsExactly("id-1");
        assertThat(old.appShapes()).isEmpty();
    }

    @Test
    void readingALargeSnapshotBackAllocatesItsStateAboutTwiceNotFourTimes() throws Exception {
        // A takeover reads the snapshot beside the state it restores into, on a heap the active filled up to its
        // guard's limit: hex text (twice the state) and a decoded copy of the whole row would not fit there.
        int stateBytes = 32 << 20;
        byte[] state = new byte[stateBytes];
        new java.util.Random(7).nextBytes(state);
        store.claim(1);
        store.save(1, new NodeSnapshot(9, Map.of("App", state), List.of("id-9"), Map.of("App", List.of("w"))));
        store.latest(); // classes loaded, the statement prepared once

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        StoredSnapshot read = store.latest().orElseThrow();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(read.snapshot().appStates().get("App")).as("the state comes back whole").isEqualTo(state);
        assertThat(read.snapshot().recentEventIds()).containsExactly("id-9");
        assertThat((double) allocated / stateBytes).as("bytes allocated reading it back, per byte of state")
                .isLessThan(2.2);
    }
}
