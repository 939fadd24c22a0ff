package io.siha.node.extensions;

import io.siha.node.engine.AppSource;
import io.siha.node.engine.InvalidAppException;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.kafka.KafkaBroker;
import io.siha.node.source.SourceIntake;
import io.siha.node.testing.CapturedStderr;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code @source(type='kafka')} on a real engine, the node's source handler and a real KRaft broker: every record is
 * taken once with its record id, a takeover (restore, replay, then the sources) reads on after the newest record the
 * pair holds and again what it does not hold, nothing is committed to Kafka, a record the mapper cannot map is skipped
 * and covered, a record the node refuses is handed over again and never skipped, the group is joined only once the
 * sources open, and bad parameters stop the app at start.
 */
class KafkaSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaBroker broker = KafkaBroker.shared();

    private String app(String topic, String parameters) {
        return """
                @app:name('Shop')
                @source(type='kafka', topic.list='%s', group.id='%s-group', bootstrap.servers='%s', %s
                    @map(type='json'))
                define stream Orders (region string, amount long);
                """.formatted(topic, topic, broker.bootstrapServers(), parameters) + MappedApp.counting("Orders");
    }

    private static String order(int i) {
        return "{\"event\":{\"region\":\"r" + i + "\",\"amount\":" + i + "}}";
    }

    @Test
    void everyRecordIsTakenOnceWithItsRecordIdAndNothingIsCommittedToKafka() throws Exception {
        String topic = "orders-assigned";
        broker.createTopic(topic, 2);
        List<String> expectedIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            broker.send(topic, i % 2, order(i));
            expectedIds.add("kafka:" + topic + ":" + (i % 2) + ":" + (i / 2));
        }
        try (MappedApp shop = new MappedApp(app(topic, "partition.no.list='0,1', threading.option='single.thread',"))) {
            await().atMost(WAIT).until(() -> shop.target.taken().size() >= 20);
            assertThat(shop.target.taken()).extracting(RecordingTarget.Taken::eventId)
                    .containsExactlyInAnyOrderElementsOf(expectedIds);
            assertThat(shop.counted("Shop")).isEqualTo(20);
            broker.send(topic, 1, order(20));
            await().atMost(WAIT).until(() -> shop.target.taken().size() == 21);
            assertThat(shop.target.taken().get(20).eventId()).isEqualTo("kafka:" + topic + ":1:10");
        }
        try (Admin admin = broker.admin()) {
            assertThat(admin.listConsumerGroupOffsets(topic + "-group").partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)).as("no offset committed to Kafka").isEmpty();
        }
    }

    /**
     * A takeover as ActiveTerm does it: a new runtime restores the last snapshot, replays the passive's queue (events
     * after the snapshot, with their ids), and only then opens the sources. It reads on after the newest replayed
     * record, and reads again the records the dead active took that the pair never held.
     */
    @Test
    void aTakeoverReadsOnAfterTheNewestRecordThePairHoldsAndAgainWhatItDoesNotHold() throws Exception {
        String topic = "orders-takeover";
        broker.createTopic(topic, 2);
        String siddhi = app(topic, "partition.no.list='0,1',");
        for (int i = 0; i < 10; i++) {
            broker.send(topic, i % 2, order(i));
        }
        Map<String, byte[]> snapshot;
        List<RecordingTarget.Taken> queued;
        try (MappedApp first = new MappedApp(siddhi)) {
            await().atMost(WAIT).until(() -> first.target.taken().size() == 10);
            snapshot = first.engine.snapshot();
            for (int i = 10; i < 16; i++) {
                broker.send(topic, i % 2, order(i));
            }
            await().atMost(WAIT).until(() -> first.target.taken().size() == 16);
            // The passive holds the first four events after the snapshot; the last two died with the active.
            queued = first.target.taken().subList(10, 14);
        }
        SourceIntake intake = new SourceIntake();
        try (SiddhiEngine next = SiddhiEngine.create(List.of(new AppSource("shop.siddhi", siddhi)), new OutputGate(),
                intake, NodeExtensions.builtIn())) {
            next.start();
            next.restore(snapshot);
            for (RecordingTarget.Taken event : queued) {
                next.input("Shop", "Orders").send(System.currentTimeMillis(), event.values().toArray());
                next.sourceEventReplayed("Shop", "Orders", event.eventId());
            }
            RecordingTarget target = new RecordingTarget(next);
            intake.attach(target);
            next.startSources();
            for (int i = 16; i < 20; i++) {
                broker.send(topic, i % 2, order(i));
            }
            await().atMost(WAIT).until(() -> target.taken().size() >= 6);
            Thread.sleep(500);
            List<String> lost = List.of("r14", "r15");
            assertThat(target.taken()).extracting(t -> (String) t.values().get(0))
                    .containsExactlyInAnyOrder("r14", "r15", "r16", "r17", "r18", "r19");
            assertThat(lost).isNotEmpty();
            long counted = next.query("Shop", "from Counts select events").stream().mapToLong(r -> (Long) r[0]).sum();
            assertThat(counted).as("10 restored, 4 replayed, 6 read").isEqualTo(20);
        }
    }

    @Test
    void withoutAPartitionListTheSourceSubscribesWithItsGroupOnlyOnceTheSourcesOpen() throws Exception {
        String topic = "orders-group";
        broker.createTopic(topic, 3);
        for (int i = 0; i < 9; i++) {
            broker.send(topic, i % 3, order(i));
        }
        SourceIntake intake = new SourceIntake();
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("shop.siddhi", app(topic, ""))),
                new OutputGate(), intake, NodeExtensions.builtIn());
             Admin admin = broker.admin()) {
            engine.start();
            Thread.sleep(1_000);
            assertThat(members(admin, topic + "-group")).as("a runtime without its sources open (a passive's, a"
                    + " takeover's before its replay) has no consumer").isZero();
            RecordingTarget target = new RecordingTarget(engine);
            intake.attach(target);
            engine.startSources();
            await().atMost(WAIT).until(() -> target.taken().size() == 9);
            assertThat(members(admin, topic + "-group")).isEqualTo(1);
            assertThat(target.taken()).extracting(RecordingTarget.Taken::eventId).doesNotHaveDuplicates()
                    .allMatch(id -> id.startsWith("kafka:" + topic + ":"));
        }
    }

    private static int members(Admin admin, String group) throws Exception {
        try {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(group)).all()
                    .get(30, TimeUnit.SECONDS);
            return groups.get(group).members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0; // nobody ever joined it
            }
            throw e;
        }
    }

    @Test
    void aRecordTheMapperCannotMapIsLoggedSkippedAndCovered() throws Exception {
        String topic = "orders-poison";
        broker.createTopic(topic, 1);
        broker.send(topic, 0, order(1));
        broker.send(topic, 0, "{\"event\":{\"region\":\"eu\",\"amount\":");   // malformed
        broker.send(topic, 0, "{\"event\":{\"region\":\"eu\",\"amount\":\"x\"}}"); // wrong type
        broker.send(topic, 0, null);                                            // a tombstone
        broker.send(topic, 0, order(2));
        try (CapturedStderr log = new CapturedStderr();
             MappedApp shop = new MappedApp(app(topic, "partition.no.list='0',"))) {
            await().atMost(WAIT).until(() -> shop.target.taken().size() == 2);
            assertThat(shop.target.taken()).extracting(RecordingTarget.Taken::eventId)
                    .containsExactly("kafka:" + topic + ":0:0", "kafka:" + topic + ":0:4");
            await().atMost(WAIT).until(() -> log.text().contains("skipped"));
            assertThat(log.text()).contains(topic + "-0@1 skipped").contains("the @map made no event of it");
            assertThat(shop.engine.snapshot()).isNotEmpty();
        }
    }

    @Test
    void aRecordTheNodeRefusesForNowIsHandedOverAgainAndNeverSkipped() throws Exception {
        String topic = "orders-refused";
        broker.createTopic(topic, 1);
        try (CapturedStderr log = new CapturedStderr();
             MappedApp shop = new MappedApp(app(topic, "partition.no.list='0',"))) {
            shop.target.refuse("the apps' state outgrows this node's memory");
            for (int i = 0; i < 3; i++) {
                broker.send(topic, 0, order(i));
            }
            await().atMost(WAIT).until(() -> log.text().contains("not taken, handed over again"));
            Thread.sleep(1_000);
            assertThat(shop.target.taken()).isEmpty();
            shop.target.refuse(null);
            await().atMost(WAIT).until(() -> shop.target.taken().size() == 3);
            Thread.sleep(300);
            assertThat(shop.target.taken()).extracting(t -> (String) t.values().get(0))
                    .containsExactly("r0", "r1", "r2");
            assertThat(shop.counted("Shop")).isEqualTo(3);
        }
    }

    @Test
    void aBrokerNameThatDoesNotResolveIsTriedAgainNotAFailedTakeover() throws Exception {
        try (CapturedStderr log = new CapturedStderr();
             MappedApp shop = new MappedApp("""
                     @app:name('Shop')
                     @source(type='kafka', topic.list='t', group.id='g', bootstrap.servers='kafka.invalid:9092',
                         partition.no.list='0', @map(type='json'))
                     define stream Orders (region string, amount long);
                     """)) {
            await().atMost(WAIT).until(() -> log.text().contains("cannot make its consumer"));
            assertThat(log.text()).contains("Will retry in");
            assertThat(shop.target.taken()).isEmpty();
        }
    }

    @Test
    void badParametersStopTheAppAtStartNamingTheProblem() {
        Map<String, String> problems = Map.of(
                "topic.list='', group.id='g', bootstrap.servers='localhost:9092'", "topic.list is required",
                "topic.list='a b', group.id='g', bootstrap.servers='localhost:9092'", "is not a Kafka topic name",
                "topic.list='t', bootstrap.servers='localhost:9092'", "group.id is required",
                "topic.list='t', group.id='g', bootstrap.servers='localhost'", "is not host:port",
                "topic.list='t', group.id='g', bootstrap.servers='localhost:9092', partition.no.list='0,x'",
                "'x' is not a partition number",
                "topic.list='t', group.id='g', bootstrap.servers='localhost:9092', threading.option='many'",
                "threading.option 'many' is none of",
                "topic.list='t', group.id='g', bootstrap.servers='localhost:9092', "
                        + "optional.configuration='enable.auto.commit:true'", "commits nothing to Kafka",
                "topic.list='t', group.id='g', bootstrap.servers='localhost:9092', "
                        + "optional.configuration='auto.offset.reset:sometimes'", "refused by Kafka",
                "topic.list='t', group.id='g', bootstrap.servers='localhost:9092', "
                        + "optional.configuration='session.timeout.ms'", "is not key:value",
                "topic.list='t', group.id='g', bootstrap.servers='localhost:9092', seq.enabled='true'",
                "seq.enabled='true'");
        problems.forEach((parameters, message) -> assertThatThrownBy(() -> SiddhiEngine.create(List.of(
                new AppSource("bad.siddhi", """
                        @app:name('Bad')
                        @source(type='kafka', %s, @map(type='json'))
                        define stream Orders (region string, amount long);
                        """.formatted(parameters))))).as(parameters).isInstanceOf(InvalidAppException.class)
                .hasMessageContaining("bad.siddhi").hasMessageContaining("source:kafka of stream 'Orders'")
                .hasMessageContaining(message));
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("bad.siddhi", """
                @app:name('Bad')
                @source(type='kafka', topic.list='t', group.id='g', bootstrap.servers='localhost:9092',
                    @map(type='json', @attributes(region='trp:colour', amount='$.amount')))
                define stream Orders (region string, amount long);
                """)))).isInstanceOf(InvalidAppException.class).hasMessageContaining("trp:colour");
    }
}
