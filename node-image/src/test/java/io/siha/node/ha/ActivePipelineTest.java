package io.siha.node.ha;

import io.siha.node.metrics.NodeMeters;
import io.siha.node.demo.Demo;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.state.NodeSnapshot;
import io.siha.node.sync.SyncEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The active's sequencing barrier, against a real Siddhi runtime. */
class ActivePipelineTest {

    private static final List<AppSource> APPS = List.of(new AppSource("counter.siddhi", Demo.SAMPLE_APP));

    private static IncomingEvent order(StreamInput input, String id) {
        return new IncomingEvent(input, id, 1000, new Object[] {"eu", 1L});
    }

    /** Runs {@code write} on three threads and snapshots {@code pipeline} over and over until they are done. */
    private static List<NodeSnapshot> snapshotsWhileThreeWrite(ActivePipeline pipeline, Runnable write)
            throws InterruptedException {
        List<NodeSnapshot> snapshots = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch writersDone = new CountDownLatch(3);
        for (int w = 0; w < 3; w++) {
            new Thread(() -> {
                write.run();
                writersDone.countDown();
            }).start();
        }
        Thread snapshotter = new Thread(() -> {
            while (running.get()) {
                snapshots.add(pipeline.snapshot());
            }
        });
        snapshotter.start();
        writersDone.await();
        running.set(false);
        snapshotter.join();
        return snapshots;
    }

    private static long count(SiddhiEngine engine) {
        List<Object[]> rows = engine.query(Demo.APP, "from Totals select events");
        return rows.isEmpty() ? 0 : (Long) rows.get(0)[0];
    }

    @Test
    void everySnapshotHoldsExactlyTheEventsUpToItsSequenceNumberWhileEventsPourIn() throws Exception {
        ConcurrentLinkedQueue<SyncEvent> replicated = new ConcurrentLinkedQueue<>();
        List<NodeSnapshot> snapshots = new ArrayList<>();
        try (SiddhiEngine engine = SiddhiEngine.create(APPS)) {
            engine.start();
            ActivePipeline pipeline = new ActivePipeline(engine, replicated::add, new AckTracker(false, NodeMeters.unscraped().ackWait()),
                    new RecentEventIds(1000), 0);
            StreamInput input = engine.input(Demo.APP, Demo.STREAM);
            snapshots.addAll(snapshotsWhileThreeWrite(pipeline, () -> {
                for (int i = 0; i < 2000; i++) {
                    pipeline.submit(List.of(order(input, null)), false).join();
                }
            }));
            assertThat(pipeline.lastSeq()).isEqualTo(6000);
            pipeline.close();
        }
        assertThat(snapshots).hasSizeGreaterThan(3);
        for (NodeSnapshot snapshot : snapshots.subList(0, Math.min(snapshots.size(), 30))) {
            try (SiddhiEngine restored = SiddhiEngine.create(APPS)) {
                restored.start();
                restored.restore(snapshot.appStates());
                assertThat(count(restored)).as("state of snapshot at seq %d", snapshot.lastSeq())
                        .isEqualTo(snapshot.lastSeq());
            }
        }
        List<Long> seqs = replicated.stream().map(SyncEvent::seq).toList();
        assertThat(seqs).hasSize(6000).isSorted().doesNotHaveDuplicates();
    }

    private static final String WINDOW_APP = """
            @app:name('Recent')
            define stream Trades (n long);
            define window Latest (n long) length(20000);
            from Trades insert into Latest;
            """;

    /**
     * A length window expires events in place, the case that rules out serialising after the barrier: every snapshot
     * taken on the apply thread while three writers pour events in must hold exactly the last 20,000 events up to its
     * seq, as the replicated order (the passive's) says.
     */
    @Test
    void everySnapshotOfALengthWindowHoldsExactlyTheLastEventsUpToItsSeq() throws Exception {
        List<AppSource> apps = List.of(new AppSource("recent.siddhi", WINDOW_APP));
        ConcurrentLinkedQueue<SyncEvent> replicated = new ConcurrentLinkedQueue<>();
        List<NodeSnapshot> snapshots = new ArrayList<>();
        AtomicLong next = new AtomicLong();
        try (SiddhiEngine engine = SiddhiEngine.create(apps)) {
            engine.start();
            ActivePipeline pipeline = new ActivePipeline(engine, replicated::add,
                    new AckTracker(false, NodeMeters.unscraped().ackWait()), new RecentEventIds(1000), 0);
            StreamInput input = engine.input("Recent", "Trades");
            snapshots.addAll(snapshotsWhileThreeWrite(pipeline, () -> {
                for (int i = 1; i <= 300; i++) { // batches of 100; every tenth waits until applied
                    List<IncomingEvent> batch = new ArrayList<>();
                    for (int j = 0; j < 100; j++) {
                        batch.add(new IncomingEvent(input, null, 1000, new Object[] {next.incrementAndGet()}));
                    }
                    CompletableFuture<Void> applied = pipeline.submit(batch, false);
                    if (i % 10 == 0) {
                        applied.join();
                    }
                }
            }));
            snapshots.add(pipeline.snapshot());
            pipeline.close();
        }
        List<Long> values = replicated.stream().map(e -> (Long) e.data()[0]).toList();
        assertThat(values).hasSize(90_000).doesNotHaveDuplicates();
        assertThat(snapshots).hasSizeGreaterThan(3);
        List<NodeSnapshot> checked = new ArrayList<>(snapshots.subList(0, Math.min(snapshots.size(), 30)));
        checked.add(snapshots.get(snapshots.size() - 1));
        for (NodeSnapshot snapshot : checked) {
            int seq = (int) snapshot.lastSeq();
            List<Long> expected = values.subList(Math.max(0, seq - 20_000), seq);
            try (SiddhiEngine restored = SiddhiEngine.create(apps)) {
                restored.start();
                restored.restore(snapshot.appStates());
                List<Object[]> rows = restored.query("Recent", "from Latest select n");
                assertThat(rows.stream().map(r -> (Long) r[0]).toList()).as("window of snapshot at seq %d", seq)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aStoreQuerySeesEveryEventTakenBeforeItAppliedOrNot() {
        try (SiddhiEngine engine = SiddhiEngine.create(APPS)) {
            engine.start();
            // Acknowledged after a passive that never acks: nothing waits for the apply thread but the query.
            ActivePipeline pipeline = new ActivePipeline(engine, event -> { },
                    new AckTracker(true, NodeMeters.unscraped().ackWait()), new RecentEventIds(1000), 0);
            StreamInput input = engine.input(Demo.APP, Demo.STREAM);
            for (int batch = 0; batch < 100; batch++) {
                List<IncomingEvent> events = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    events.add(order(input, null));
                }
                pipeline.submit(events, false);
            }
            List<Object[]> rows = pipeline.query(Demo.APP, "from Totals select events");
            assertThat((Long) rows.get(0)[0]).as("the 10,000 events taken").isEqualTo(10_000);
            pipeline.close();
        }
    }

    @Test
    void aRepeatedEventIdIsCountedOnceAndReplayContinuesTheSequence() {
        ConcurrentLinkedQueue<SyncEvent> replicated = new ConcurrentLinkedQueue<>();
        try (SiddhiEngine engine = SiddhiEngine.create(APPS)) {
            engine.start();
            ActivePipeline pipeline = new ActivePipeline(engine, replicated::add, new AckTracker(false, NodeMeters.unscraped().ackWait()),
                    new RecentEventIds(1000), 40);
            StreamInput input = engine.input(Demo.APP, Demo.STREAM);
            pipeline.replay(List.of(new SyncEvent(40, 1000, Demo.APP, Demo.STREAM, "old", new Object[] {"eu", 1L}),
                    new SyncEvent(41, 1000, Demo.APP, Demo.STREAM, "a", new Object[] {"eu", 1L})));
            assertThat(pipeline.submit(List.of(order(input, "a"), order(input, "b"), order(input, "b")), false))
                    .succeedsWithin(Duration.ofSeconds(10));
            assertThat(count(engine)).as("41 replayed, b once; 40 was already in the snapshot").isEqualTo(2);
            assertThat(pipeline.lastSeq()).isEqualTo(42);
            assertThat(replicated).extracting(SyncEvent::eventId).containsExactly("b");
            pipeline.close();
        }
    }

    @Test
    void aRetryOfOnlyReplayedEventsIsAcknowledgedWithoutWaitingForANewEvent() {
        try (SiddhiEngine engine = SiddhiEngine.create(APPS)) {
            engine.start();
            ActivePipeline pipeline = new ActivePipeline(engine, event -> { },
                    new AckTracker(false, NodeMeters.unscraped().ackWait()), new RecentEventIds(1000), 40);
            pipeline.replay(List.of(new SyncEvent(41, 1000, Demo.APP, Demo.STREAM, "a", new Object[] {"eu", 1L}),
                    new SyncEvent(42, 1000, Demo.APP, Demo.STREAM, "b", new Object[] {"eu", 1L})));
            StreamInput input = engine.input(Demo.APP, Demo.STREAM);
            assertThat(pipeline.submit(List.of(order(input, "a"), order(input, "b")), true))
                    .as("a client's retry of the batch the killed active did not acknowledge")
                    .succeedsWithin(Duration.ofSeconds(10));
            assertThat(pipeline.lastSeq()).isEqualTo(42);
            assertThat(count(engine)).isEqualTo(2);
            pipeline.close();
        }
    }

    @Test
    void anIdNamesAnEventOfOneAppsStreamSoTheSameIdInTwoAppsIsTwoEvents() {
        String second = Demo.SAMPLE_APP.replace("@app:name('Counter')", "@app:name('Counter2')");
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("counter.siddhi", Demo.SAMPLE_APP),
                new AppSource("counter2.siddhi", second)))) {
            engine.start();
            ActivePipeline pipeline = new ActivePipeline(engine, event -> { },
                    new AckTracker(false, NodeMeters.unscraped().ackWait()), new RecentEventIds(1000), 0);
            StreamInput first = engine.input(Demo.APP, Demo.STREAM);
            StreamInput other = engine.input("Counter2", Demo.STREAM);
            assertThat(pipeline.submit(List.of(order(first, "key-1"), order(other, "key-1"), order(first, "key-1")),
                    false)).succeedsWithin(Duration.ofSeconds(10));
            assertThat(count(engine)).as("Counter: key-1 once").isEqualTo(1);
            List<Object[]> rows = engine.query("Counter2", "from Totals select events");
            assertThat(rows).as("Counter2 took its own key-1").hasSize(1);
            assertThat((Long) rows.get(0)[0]).isEqualTo(1);
            pipeline.close();
        }
    }
}
