package io.siha.node.ha;

import io.siha.node.metrics.NodeMeters;
import io.siha.node.ingest.InputSource;
import io.siddhi.core.util.transport.InMemoryBroker;
import io.siddhi.core.util.transport.SubscriberUnAvailableException;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.ingest.IngestTarget;
import io.siha.node.source.SourceIntake;
import io.siha.node.source.SourceRefusals;
import io.siha.node.state.NodeSnapshot;
import io.siha.node.sync.SyncEvent;
import io.siha.node.testing.CapturedStderr;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Events of an app's own {@code @source} (Siddhi's in-memory transport with the pass-through mapper), against a real
 * runtime: they go the way of the ingest ports' events (sequence numbers, replication, the snapshot barrier), only
 * while a term is attached and only once the sources are started; bad values are refused and counted nowhere.
 */
class SourceEventsPipelineTest {

    private static final String TOPIC = "source-events-pipeline-test";
    private static final String FEED = """
            @app:name('Feed')
            @source(type='inMemory', topic='%s', @map(type='passThrough'))
            define stream Orders (region string, amount long);
            define table Totals (region string, events long, total long);

            from Orders
            select region, count() as events, sum(amount) as total
            group by region
            update or insert into Totals
              set Totals.events = events, Totals.total = total
              on Totals.region == region;
            """.formatted(TOPIC);

    @Test
    void sourceEventsAreSequencedReplicatedAndSnapshottedLikeIngestedOnes() throws Exception {
        SourceIntake intake = new SourceIntake();
        ConcurrentLinkedQueue<SyncEvent> replicated = new ConcurrentLinkedQueue<>();
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("feed.siddhi", FEED)), new OutputGate(),
                intake)) {
            engine.start();
            ActivePipeline pipeline = new ActivePipeline(engine, replicated::add,
                    new AckTracker(false, NodeMeters.unscraped().ackWait()), new RecentEventIds(100), 0);
            PipelineTarget term = new PipelineTarget(engine, pipeline);

            // Started without its source, as a takeover starts it: nobody listens yet, the replay is processed.
            assertThatThrownBy(() -> InMemoryBroker.publish(TOPIC, new Object[] {"eu", 5L}))
                    .isInstanceOf(SubscriberUnAvailableException.class);
            pipeline.replay(List.of(new SyncEvent(1, 1000, "Feed", "Orders", "replayed-1", new Object[] {"eu", 7L})));
            intake.attach(term);
            engine.startSources();
            for (long amount = 1; amount <= 100; amount++) {
                InMemoryBroker.publish(TOPIC, new Object[] {amount % 2 == 0 ? "eu" : "us", amount});
            }

            assertThat(count(engine)).isEqualTo(101);
            assertThat(replicated).extracting(SyncEvent::seq).containsExactlyElementsOf(
                    LongStream.rangeClosed(2, 101).boxed().toList());
            assertThat(replicated).allMatch(e -> e.app().equals("Feed") && e.stream().equals("Orders")
                    && e.eventId() == null);
            assertThat(replicated.stream().mapToLong(e -> (Long) e.data()[1]).sum()).isEqualTo(5050);
            NodeSnapshot snapshot = pipeline.snapshot();
            assertThat(snapshot.lastSeq()).isEqualTo(101);

            // Refusals reach the source's own error handling (for this transport Siddhi's default: an ERROR line).
            try (CapturedStderr log = new CapturedStderr()) {
                InMemoryBroker.publish(TOPIC, new Object[] {"eu", "five"});
                assertThat(SourceRefusals.take()).as("kept for a source that answers its transport after handing over")
                        .hasValueSatisfying(r -> assertThat(r).hasMessageContaining("attribute 'amount'"));
                assertThat(count(engine)).as("a refused event is counted nowhere").isEqualTo(101);
                assertThat(replicated).hasSize(100);

                intake.detach(term);
                InMemoryBroker.publish(TOPIC, new Object[] {"eu", 1L});
                assertThat(count(engine)).isEqualTo(101);
                assertThat(pipeline.lastSeq()).isEqualTo(101);
                assertThat(log.text()).contains("attribute 'amount' must be a whole number within 64 bits (long), got"
                        + " \"five\"").contains("this node is not active");
            }
            pipeline.close();
        }
    }

    private static long count(SiddhiEngine engine) {
        return engine.query("Feed", "from Totals select events").stream().mapToLong(row -> (Long) row[0]).sum();
    }

    /** What an active term offers its ingest ports and sources, without the term's ports and sync. */
    private record PipelineTarget(SiddhiEngine engine, ActivePipeline pipeline) implements IngestTarget {

        @Override
        public StreamInput input(String app, String stream) {
            return engine.input(app, stream);
        }

        @Override
        public List<Object[]> query(String app, String storeQuery) {
            return engine.query(app, storeQuery);
        }

        @Override
        public CompletableFuture<Void> submit(InputSource source, List<IncomingEvent> events) {
            return pipeline.submit(events, source.isAppSource());
        }
    }
}
