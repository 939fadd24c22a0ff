package io.siha.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code si-ha-node.jar demo --kafka}: the HA pair with Kafka in and out. Starts an embedded PostgreSQL, a real Kafka
 * broker ({@link KafkaBrokerProcess}), an input topic of {@value #PARTITIONS} partitions and an output topic, and the
 * pair running the counting app with a Kafka source on every partition and a Kafka sink for its alerts (one per order
 * of an even amount); produces numbered orders at a steady rate, kills the active with SIGKILL midway and restarts it,
 * then checks the app's count and sum against what was produced, and the alerts on the output topic against those the
 * orders must produce.
 */
public final class KafkaDemo {

    static final String ORDERS = "demo-orders";
    static final String ALERTS = "demo-alerts";
    static final int PARTITIONS = 4;
    /** Orders a second: the sink writes one alert at a time, each waited for, and keeps up with half of them. */
    static final int RATE = 300;
    /** Consecutive orders that go to one partition, so that each partition has alerts and orders without. */
    private static final int RUN = 10;

    private final DemoOptions options;
    private final DemoTimeline timeline;

    public KafkaDemo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.timeline = new DemoTimeline(out);
    }

    /**
     * The demo's outcome, printed as its last line once everything it started has stopped.
     *
     * @param numberSum   the sum of the orders' numbers the app counted, which counts each once only if it equals
     *                    {@code expectedSum}
     * @param distinctIds the output ids among the alerts read ({@code siha-sink} and {@code siha-output-id})
     */
    record Result(long produced, long counted, long numberSum, long expectedSum, long failoverMs,
                  OutputCheck outputs, long distinctIds) {

        long lost() {
            return Math.max(0, produced - counted);
        }

        long duplicated() {
            return Math.max(0, counted - produced);
        }

        boolean sound() {
            return lost() == 0 && duplicated() == 0 && numberSum == expectedSum && outputs.sound();
        }

        String line() {
            return String.format("RESULT kafka produced=%d counted=%d lost=%d duplicated=%d failover_ms=%d"
                            + " outputs_expected=%d outputs_received=%d outputs_distinct_ids=%d outputs_lost=%d"
                            + " outputs_duplicated=%d outputs_reordered=%d", produced, counted, lost(), duplicated(),
                    failoverMs, outputs.expected(), outputs.arrived(), distinctIds, outputs.lost(),
                    outputs.duplicated(), outputs.reordered());
        }
    }

    /** Runs the demo; returns the process exit code (0 when no order was lost or counted twice, no alert lost). */
    public int run() throws Exception {
        // The demo's own producer and consumer: their configuration dumps and INFO lines would bury the timeline.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        Path lib = KafkaBrokerProcess.lib(options.kafkaLib());
        Path work = Files.createTempDirectory("si-ha-kafka-demo");
        Path apps = Files.createDirectories(work.resolve("apps"));
        timeline.say("si-ha Kafka demo: %d orders into topic %s (%d partitions) at %d/s, alerts to topic %s; SIGKILL"
                + " of the active after %d; logs in %s", options.events(), ORDERS, PARTITIONS, RATE, ALERTS,
                options.killAt(), work);
        Result result;
        long started = System.nanoTime();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(lib, work)) {
            timeline.say("Kafka broker (KRaft, a child process on the jars in %s) up at %s in %d ms", lib,
                    broker.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            broker.createTopic(ORDERS, PARTITIONS);
            broker.createTopic(ALERTS, 1);
            Files.writeString(apps.resolve("counter.siddhi"), app(broker.bootstrapServers()));
            try (DemoPair pair = DemoPair.start(work, apps, timeline)) {
                result = produceThroughAKill(broker.bootstrapServers(), pair);
            }
        }
        timeline.result(result.line());
        return result.sound() ? 0 : 1;
    }

    /** The counting app, its orders from every partition of {@link #ORDERS}, its alerts to {@link #ALERTS}. */
    static String app(String bootstrapServers) {
        return Demo.countingApp("@source(type='kafka', topic.list='" + ORDERS + "', group.id='demo', bootstrap.servers='"
                        + bootstrapServers + "', partition.no.list='0,1,2,3', @map(type='json'))",
                "@sink(type='kafka', topic='" + ALERTS + "', bootstrap.servers='" + bootstrapServers
                        + "', key='{{region}}', @map(type='json'))", "amount % 2 == 0");
    }

    private Result produceThroughAKill(String bootstrapServers, DemoPair pair) throws Exception {
        LocalNode active = pair.firstActive();
        LocalNode passive = pair.other(active);
        List<List<Long>> expectedAlerts = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expectedAlerts.add(new ArrayList<>());
        }
        CompletableFuture<Long> failoverMs = CompletableFuture.completedFuture(-1L);
        long expectedSum = 0;
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                bootstrapServers, "acks", "all", "linger.ms", 5), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < options.events(); i++) {
                if (i == options.killAt()) {
                    producer.flush();
                    active.kill();
                    long killed = System.nanoTime();
                    timeline.say("produced %d; SIGKILL %s", i, active.id());
                    failoverMs = CompletableFuture.supplyAsync(() -> awaitServing(passive, killed));
                    active.start();
                    timeline.say("restarted %s, as the kubelet would: it joins as passive", active.id());
                }
                int partition = (i / RUN) % PARTITIONS;
                producer.send(new ProducerRecord<>(ORDERS, partition, null, ("{\"event\":{\"region\":\"eu\","
                        + "\"amount\":" + i + "}}").getBytes(StandardCharsets.UTF_8)));
                expectedSum += i;
                if (i % 2 == 0) {
                    expectedAlerts.get(partition).add((long) i);
                }
                long wait = started + (i + 1) * 1_000_000_000L / RATE - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            producer.flush();
        }
        long failover = failoverMs.get(90, TimeUnit.SECONDS);
        timeline.say("%s took over %d ms after the kill; produced %d orders in all, each acknowledged by the broker",
                passive.id(), failover, options.events());
        long[] totals = awaitCounted(pair.nodes(), options.events());
        timeline.say("the app counted %d orders, their numbers sum to %d (%d expected)", totals[0], totals[1],
                expectedSum);
        List<OutputReceiver.Received> alerts = awaitAlerts(bootstrapServers, expectedAlerts);
        OutputCheck outputs = OutputCheck.ofSenders(expectedAlerts, alerts);
        long distinctIds = alerts.stream().map(OutputReceiver.Received::key).distinct().count();
        timeline.say("alerts: %d expected from the orders, %d records on %s under %d distinct ids, %d lost, %d"
                        + " repeated (%d under another id), %d out of their partition's order", outputs.expected(),
                outputs.arrived(), ALERTS, distinctIds, outputs.lost(), outputs.duplicated(),
                outputs.underAnotherId(), outputs.reordered());
        Result result = new Result(options.events(), totals[0], totals[1], expectedSum, failover, outputs,
                distinctIds);
        timeline.say(result.sound() ? "every order was counted once, and no alert was lost or out of order"
                : "MISMATCH: see the node logs");
        return result;
    }

    /** Milliseconds from {@code killedNanos} to {@code node} serving (-1 if it did not within 60 s). */
    private static long awaitServing(LocalNode node, long killedNanos) {
        try {
            LocalNode.awaitActive(List.of(node), Duration.ofSeconds(60));
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);
        } catch (InterruptedException | IllegalStateException e) {
            return -1;
        }
    }

    /** The app's count and sum of numbers once it counted {@code produced}, or as they stand after 60 s. */
    private static long[] awaitCounted(List<LocalNode> nodes, long produced) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long[] totals = totals(nodes).orElse(new long[2]);
        while (totals[0] < produced && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
            totals = totals(nodes).orElse(totals);
        }
        return totals;
    }

    /** The count and sum of the node that answers (the active), the demo's orders being all of one region. */
    private static Optional<long[]> totals(List<LocalNode> nodes) {
        for (LocalNode node : nodes) {
            Optional<JsonNode> rows = node.query(Demo.APP, "from Totals select events, total");
            if (rows.isPresent()) {
                return Optional.of(rows.get().isEmpty() ? new long[2]
                        : new long[] {rows.get().get(0).get(0).asLong(), rows.get().get(0).get(1).asLong()});
            }
        }
        return Optional.empty();
    }

    /** The alerts on {@link #ALERTS} once every expected one arrived, or as they stand after 30 s. */
    private static List<OutputReceiver.Received> awaitAlerts(String bootstrapServers, List<List<Long>> expected)
            throws InterruptedException {
        int count = expected.stream().mapToInt(List::size).sum();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<OutputReceiver.Received> alerts;
        do {
            List<ConsumerRecord<byte[], byte[]>> records = KafkaOutputs.readAll(bootstrapServers, ALERTS, count,
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            alerts = KafkaOutputs.of(records);
            if (OutputCheck.ofSenders(expected, alerts).lost() == 0) {
                return alerts;
            }
            Thread.sleep(200);
        } while (System.nanoTime() - deadline < 0);
        return alerts;
    }
}
