package io.siha.node.extensions;

import io.siha.node.engine.AppSource;
import io.siha.node.engine.InvalidAppException;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;
import io.siha.node.extensions.kafka.KafkaSink;
import io.siha.node.kafka.KafkaBroker;
import io.siha.node.source.SourceIntake;
import io.siha.node.testing.CapturedStderr;
import io.siha.node.testing.FreePort;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.siha.node.testing.SequencedInput.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code @sink(type='kafka')} behind the node's sink outbox, against a real KRaft broker: each output is one record
 * with its output id in the {@code siha-output-id} header, the @map's payload, the key and partition asked for; a
 * broker that cannot be reached keeps outputs waiting (retried, never dropped); bad parameters stop the app at start.
 */
class KafkaSinkTest {

    private final KafkaBroker broker = KafkaBroker.shared();

    private static String app(String sink) {
        return """
                @app:name('Alerting')
                define stream Orders (region string, amount long);
                @sink(type='kafka', %s, @map(type='json'))
                define stream Alerts (region string, amount long);
                from Orders[amount > 100] select region, amount insert into Alerts;
                """.formatted(sink);
    }

    private static SiddhiEngine engine(String siddhi, OutputGate gate) {
        return SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", siddhi)), gate, new SourceIntake());
    }

    @Test
    void eachOutputIsOneRecordWithItsIdKeyAndPartitionInOrder() {
        String topic = "alerts-written";
        broker.createTopic(topic, 2);
        OutputGate gate = new OutputGate();
        try (SiddhiEngine engine = engine(app("topic='" + topic + "', bootstrap.servers='" + broker.bootstrapServers()
                + "', partition.no='1', key='{{region}}'"), gate)) {
            engine.start();
            gate.durableThrough(Long.MAX_VALUE);
            gate.open();
            StreamInput orders = engine.input("Alerting", "Orders");
            send(orders, 1, "eu", 500L);
            send(orders, 2, "us", 5L); // no output
            send(orders, 3, "us", 700L);

            await().atMost(Duration.ofSeconds(30)).until(() -> engine.outputsPending() == 0);
            List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(topic, 2, Duration.ofSeconds(30));
            assertThat(records).extracting(ConsumerRecord::partition).containsExactly(1, 1);
            assertThat(records).extracting(r -> text(r.key())).containsExactly("eu", "us");
            assertThat(records).extracting(KafkaSinkTest::outputId).containsExactly("1-0", "3-0");
            assertThat(records).extracting(r -> header(r, KafkaSink.SINK_HEADER))
                    .as("the sink's name: pair (an engine outside a node), app, stream")
                    .containsExactly("local/Alerting/Alerts", "local/Alerting/Alerts");
            assertThat(records).extracting(r -> text(r.value()).replaceAll("\\s", ""))
                    .containsExactly("{\"event\":{\"region\":\"eu\",\"amount\":500}}",
                            "{\"event\":{\"region\":\"us\",\"amount\":700}}");
        }
    }

    /**
     * Two engines with one transactional sink (one transactional id), as the two terms of a pair: the second fences
     * the first and, replaying inputs whose outputs the first committed, writes none of them again; the first, a
     * zombie still sending, is refused (its transaction aborted) and, starting a new session, fences the second in
     * turn and writes only what is not committed yet. Every output once, in order, for a read_committed consumer.
     */
    @Test
    void transactionalTermsFenceEachOtherAndWriteEachOutputOnce() throws Exception {
        String topic = "alerts-once";
        broker.createTopic(topic, 1);
        String siddhi = app("topic='" + topic + "', bootstrap.servers='" + broker.bootstrapServers()
                + "', delivery='transactional'");
        OutputGate firstGate = new OutputGate();
        OutputGate secondGate = new OutputGate();
        try (CapturedStderr log = new CapturedStderr();
             SiddhiEngine first = engine(siddhi, firstGate); SiddhiEngine second = engine(siddhi, secondGate)) {
            StreamInput firstOrders = serving(first, firstGate);
            for (int seq = 1; seq <= 3; seq++) {
                send(firstOrders, seq, "eu", 100L + seq * 100);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> first.outputsPending() == 0);

            // The next term: its replay computes outputs 1-0 to 3-0 again, then a new one.
            StreamInput secondOrders = serving(second, secondGate);
            for (int seq = 1; seq <= 4; seq++) {
                send(secondOrders, seq, "eu", 100L + seq * 100);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> second.outputsPending() == 0);

            send(firstOrders, 5, "eu", 600L); // the zombie: fenced, then a session of its own again
            await().atMost(Duration.ofSeconds(30)).until(() -> first.outputsPending() == 0);
            assertThat(log.text()).as("the zombie's first attempt refused").contains("not delivered, retrying")
                    .containsAnyOf("ProducerFencedException", "InvalidProducerEpochException");

            List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(topic, 5, Duration.ofSeconds(30));
            assertThat(records).extracting(KafkaSinkTest::outputId).containsExactly("1-0", "2-0", "3-0", "4-0", "5-0");
            assertThat(records).extracting(r -> text(r.value()).replaceAll("\\s", ""))
                    .endsWith("{\"event\":{\"region\":\"eu\",\"amount\":600}}");
        }
    }

    /**
     * A new term finds the newest output its sink committed behind 300 records another sink (another app) wrote to
     * the topic since: more than the first window read back, so the read-back goes further back.
     */
    @Test
    void theReadBackFindsTheSinksOwnOutputsBehindAnotherSinksRecords() {
        String topic = "alerts-shared-once";
        broker.createTopic(topic, 1);
        String sink = "topic='" + topic + "', bootstrap.servers='" + broker.bootstrapServers()
                + "', delivery='transactional'";
        String ours = app(sink);
        String theirs = ours.replace("@app:name('Alerting')", "@app:name('Other')");
        OutputGate firstGate = new OutputGate();
        try (SiddhiEngine first = engine(ours, firstGate)) {
            StreamInput orders = serving(first, firstGate);
            for (int seq = 1; seq <= 2; seq++) {
                send(orders, seq, "eu", 500L + seq);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> first.outputsPending() == 0);
        }
        OutputGate otherGate = new OutputGate();
        try (SiddhiEngine other = SiddhiEngine.create(List.of(new AppSource("other.siddhi", theirs)), otherGate,
                new SourceIntake())) {
            StreamInput orders = serving(other, otherGate, "Other");
            for (int seq = 1; seq <= 300; seq++) {
                send(orders, seq, "us", 1000L + seq);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> other.outputsPending() == 0);
        }
        OutputGate nextGate = new OutputGate();
        try (SiddhiEngine next = engine(ours, nextGate)) {
            StreamInput orders = serving(next, nextGate);
            for (int seq = 1; seq <= 3; seq++) { // the replay of 1 and 2, then 3
                send(orders, seq, "eu", 500L + seq);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> next.outputsPending() == 0);
        }
        List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(topic, 303, Duration.ofSeconds(30));
        assertThat(records).filteredOn(r -> header(r, KafkaSink.SINK_HEADER).equals("local/Alerting/Alerts"))
                .extracting(KafkaSinkTest::outputId).containsExactly("1-0", "2-0", "3-0");
        assertThat(records).hasSize(303);
    }

    @Test
    void aBrokerThatCannotBeReachedKeepsOutputsWaitingNotDropped() {
        OutputGate gate = new OutputGate();
        try (CapturedStderr log = new CapturedStderr();
             SiddhiEngine engine = engine(app("topic='alerts-nowhere', bootstrap.servers='127.0.0.1:"
                     + FreePort.find() + "', optional.configuration='max.block.ms:500'"), gate)) {
            engine.start();
            gate.durableThrough(Long.MAX_VALUE);
            gate.open();
            StreamInput orders = engine.input("Alerting", "Orders");
            send(orders, 1, "eu", 500L);
            send(orders, 2, "eu", 600L);

            await().atMost(Duration.ofSeconds(30)).until(() -> log.text().contains("not delivered, retrying"));
            assertThat(log.text()).contains("Kafka sink Alerting/Alerts");
            assertThat(engine.outputsPending()).as("both still waiting in the outbox").isEqualTo(2);
        }
    }

    @Test
    void badParametersStopTheAppAtStartNamingTheProblem() {
        Map<String, String> problems = Map.of(
                "bootstrap.servers='localhost:9092'", "topic is required",
                "topic='a/b', bootstrap.servers='localhost:9092'", "is not a Kafka topic name",
                "topic='t'", "bootstrap.servers is required",
                "topic='t', bootstrap.servers='localhost:9092', partition.no='-1'", "is not a partition number",
                "topic='t', bootstrap.servers='localhost:9092', optional.configuration='acks:1'",
                "may not set 'acks'",
                "topic='t', bootstrap.servers='localhost:9092', optional.configuration='transactional.id:x'",
                "set delivery='transactional'",
                "topic='t', bootstrap.servers='localhost:9092', delivery='exactly'", "is neither idempotent nor",
                "topic='{{region}}', bootstrap.servers='localhost:9092', delivery='transactional'",
                "needs a static topic",
                "topic='t', bootstrap.servers='localhost:9092', optional.configuration='compression.type:zip'",
                "refused by Kafka",
                "topic='t', bootstrap.servers='localhost:9092', sequence.id='node-1'", "siha-output-id");
        problems.forEach((parameters, message) -> assertThatThrownBy(() -> SiddhiEngine.create(List.of(
                new AppSource("bad.siddhi", app(parameters))))).as(parameters)
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("bad.siddhi")
                .hasMessageContaining(message));
    }

    /** An SI app's Kafka parameters that the node does not need (SI's sink requires is.binary.message) still run. */
    @Test
    void siParametersTheNodeDoesNotNeedAreAccepted() {
        SiddhiEngine.create(List.of(new AppSource("si.siddhi", app("topic='t', bootstrap.servers='localhost:9092',"
                + " is.binary.message='false', is.synchronous='false'")))).close();
        SiddhiEngine.create(List.of(new AppSource("si.siddhi", """
                @app:name('Si')
                @source(type='kafka', topic.list='t', group.id='g', bootstrap.servers='localhost:9092',
                    threading.option='partition.wise', seq.enabled='false', enable.offsets.commit='true',
                    enable.async.commit='true', @map(type='json'))
                define stream Orders (region string, amount long);
                """))).close();
    }

    /** Starts {@code engine} as an active's, every input durable, its outputs let go: its Orders input. */
    private static StreamInput serving(SiddhiEngine engine, OutputGate gate) {
        return serving(engine, gate, "Alerting");
    }

    private static StreamInput serving(SiddhiEngine engine, OutputGate gate, String app) {
        engine.start();
        gate.durableThrough(Long.MAX_VALUE);
        gate.open();
        return engine.input(app, "Orders");
    }

    private static String outputId(ConsumerRecord<byte[], byte[]> record) {
        return header(record, KafkaSink.OUTPUT_ID_HEADER);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
