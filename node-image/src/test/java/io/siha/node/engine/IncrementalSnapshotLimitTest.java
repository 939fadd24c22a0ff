package io.siha.node.engine;

import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siddhi.core.stream.input.InputHandler;
import io.siddhi.core.util.persistence.IncrementalPersistenceStore;
import io.siddhi.core.util.persistence.util.IncrementalSnapshotInfo;
import io.siddhi.core.util.snapshot.PersistenceReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the node takes full snapshots and not Siddhi's incremental ones: a window's operation log is kept only while it
 * has at most 100 operations since the last snapshot ({@code SnapshotableStreamEventQueue.isFullSnapshot}); past that
 * the window is written whole again, as a new base. At the node's intervals (a second or more, thousands of events)
 * every incremental snapshot of a busy window is therefore a full one. Measured here on a length window of 100,000
 * events with Siddhi's own incremental persistence, so that a Siddhi that changes this rule fails this test and the
 * choice is made again.
 */
class IncrementalSnapshotLimitTest {

    private static final Logger log = LoggerFactory.getLogger(IncrementalSnapshotLimitTest.class);
    private static final int WINDOW = 100_000;

    @Test
    void aWindowChangedByMoreThanAHundredEventsIsWrittenWholeAgain() throws Exception {
        RecordingStore store = new RecordingStore();
        SiddhiManager manager = new SiddhiManager();
        manager.setIncrementalPersistenceStore(store);
        SiddhiAppRuntime runtime = manager.createSiddhiAppRuntime("""
                @app:name('Windowed')
                define stream Trades (symbol string, price double, volume long);
                @info(name = 'perSymbol')
                from Trades#window.length(%d)
                select symbol, sum(volume) as volume
                group by symbol
                insert into PerSymbol;
                """.formatted(WINDOW));
        try {
            runtime.start();
            InputHandler trades = runtime.getInputHandler("Trades");
            long n = 0;
            for (; n < WINDOW; n++) {
                trades.send(new Object[] {"S" + n % 50, 1.0 + n, n});
            }
            Written base = persist(runtime, store); // the first is a base
            n = send(trades, n, 50);
            Written fewChanges = persist(runtime, store);
            n = send(trades, n, 5_000);
            Written manyChanges = persist(runtime, store);

            log.info("incremental snapshots of a {}-event length window: base {} bytes in {} ms; after 50 events {}"
                    + " bytes in {} ms; after 5,000 events {} bytes in {} ms", WINDOW, base.bytes(), base.millis(),
                    fewChanges.bytes(), fewChanges.millis(), manyChanges.bytes(), manyChanges.millis());
            assertThat(base.bytes()).as("the base holds the window").isGreaterThan(WINDOW * 10L);
            assertThat(fewChanges.bytes()).as("50 changes: an operation log, a small part of the base")
                    .isLessThan(base.bytes() / 20);
            assertThat(manyChanges.bytes()).as("5,000 changes: the window written whole again")
                    .isGreaterThan(base.bytes() * 9 / 10);
        } finally {
            runtime.shutdown();
            manager.shutdown();
        }
    }

    private static long send(InputHandler trades, long from, int count) throws InterruptedException {
        for (long n = from; n < from + count; n++) {
            trades.send(new Object[] {"S" + n % 50, 1.0 + n, n});
        }
        return from + count;
    }

    /** Everything one persist wrote, and how long the call held the app (the barrier). */
    private record Written(long bytes, long millis) {
    }

    private static Written persist(SiddhiAppRuntime runtime, RecordingStore store) throws Exception {
        long before = store.bytes();
        long started = System.nanoTime();
        PersistenceReference reference = runtime.persist();
        long millis = (System.nanoTime() - started) / 1_000_000;
        for (Future<?> written : reference.getIncrementalStateFuture()) {
            written.get();
        }
        return new Written(store.bytes() - before, millis);
    }

    /** Keeps only the sizes written: what each incremental snapshot costs. */
    private static final class RecordingStore implements IncrementalPersistenceStore {

        private long bytes;

        @Override
        public synchronized void save(IncrementalSnapshotInfo snapshotInfo, byte[] snapshot) {
            bytes += snapshot.length;
        }

        synchronized long bytes() {
            return bytes;
        }

        @Override
        public void setProperties(Map properties) {
        }

        @Override
        public byte[] load(IncrementalSnapshotInfo snapshotInfo) {
            return null;
        }

        @Override
        public List<IncrementalSnapshotInfo> getListOfRevisionsToLoad(long restoreTime, String siddhiAppName) {
            return new ArrayList<>();
        }

        @Override
        public String getLastRevision(String siddhiAppId) {
            return null;
        }

        @Override
        public void clearAllRevisions(String siddhiAppId) {
        }
    }
}
