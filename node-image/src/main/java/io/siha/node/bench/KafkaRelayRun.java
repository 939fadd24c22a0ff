package io.siha.node.bench;

import io.siha.api.SiHaDefaults;
import io.siha.node.demo.KafkaBrokerProcess;
import io.siha.node.demo.LocalNode;
import io.siha.node.engine.AppSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One round of Kafka in, app, Kafka out on a real broker, and the setups it runs on: a real HA pair (acknowledging
 * after the passive) and a node alone, each running two relay apps, one writing with {@code delivery='idempotent'},
 * the other with {@code delivery='transactional'}, each app reading its own input topic of 3 partitions and writing
 * its own output topic of 3 (per setup, so the idle setup's apps read nothing of the measured one's). Throughput: a
 * burst of records produced at once, to the last of their outputs on the output topic (read by a
 * {@code read_committed} consumer, as a transactional sink's readers must). Latency: records at a steady rate, each
 * carrying the time it was produced, to the moment its output reaches that consumer (one clock, the bench's). Every
 * output is checked to have arrived. {@link KafkaBench} orders the rounds.
 */
final class KafkaRelayRun {

    /** The two ways the sink writes, in the order measured. */
    static final List<String> DELIVERIES = List.of("idempotent", "transactional");
    private static final int PARTITIONS = 3;
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern SENT_AT = Pattern.compile("\"sentAt\":(\\d+)");

    /**
     * What the relay apps run on, all with the defaults' timing. A node releases an output only once the input that
     * made it is durable (the passive holds it, or a snapshot covers it), so a node alone releases its outputs at its
     * snapshots: acking at once ({@code SIHA_SYNC_ACK_AFTER_PASSIVE=false}, as the bench's other node-alone figures),
     * only those of the interval ({@code SIHA_PERSISTENCE_INTERVAL_MS}); acking after the passive, as the pair does,
     * it runs degraded and snapshots every 50 ms while its source's records wait.
     */
    enum Setup {
        HA("HA pair", 2, true),
        ALONE("node alone, acking at once", 1, false),
        DEGRADED("node alone, acking after a snapshot", 1, true);

        final String label;
        final int nodes;
        final boolean ackAfterPassive;

        Setup(String label, int nodes, boolean ackAfterPassive) {
            this.label = label;
            this.nodes = nodes;
            this.ackAfterPassive = ackAfterPassive;
        }

        /** Both relay apps' nodes of this setup, started; the caller waits for the roles. */
        List<LocalNode> start(BenchCluster cluster, String servers) throws IOException {
            return cluster.startNodes("kafka-" + name().toLowerCase(Locale.ROOT), nodes,
                    SiHaDefaults.HEARTBEAT_INTERVAL_MS, SiHaDefaults.HEARTBEAT_MAX_RETRIES,
                    SiHaDefaults.PERSISTENCE_INTERVAL_MS, ackAfterPassive,
                    DELIVERIES.stream().map(d -> app(this, d, servers)).toList());
        }
    }

    /**
     * One delivery mode's figures, of one measured round or of several together.
     *
     * @param recordsPerSecond outputs on the topic per second, burst produced to last output (mean of the rounds)
     * @param latenciesMs      produced to its output read, at {@code paceRate} records/s, every paced record's
     * @param lost             records whose output never arrived
     * @param repeated         outputs read more than once
     */
    record Figures(Setup setup, String delivery, int burst, double recordsPerSecond, int paceRate, List<Long> latenciesMs,
                   long lost, long repeated) {

        long p50Ms() {
            return latenciesMs.isEmpty() ? -1 : Percentiles.of(latenciesMs, 50);
        }

        long p99Ms() {
            return latenciesMs.isEmpty() ? -1 : Percentiles.of(latenciesMs, 99);
        }

        /** This round's figures with {@code other}'s, of the same mode. */
        Figures and(Figures other) {
            List<Long> latencies = new ArrayList<>(latenciesMs);
            latencies.addAll(other.latenciesMs);
            return new Figures(setup, delivery, burst, (recordsPerSecond + other.recordsPerSecond) / 2, paceRate,
                    List.copyOf(latencies), lost + other.lost, repeated + other.repeated);
        }
    }

    private KafkaRelayRun() {
    }

    /** The relay app of {@code delivery} on {@code setup}: its input topic to its output topic. */
    static AppSource app(Setup setup, String delivery, String servers) {
        return new AppSource("kafka-" + delivery + ".siddhi", """
                @app:name('%s')
                @source(type='kafka', topic.list='%s', group.id='%s', bootstrap.servers='%s',
                    partition.no.list='0,1,2', @map(type='json'))
                define stream Orders (id long, sentAt long);
                @sink(type='kafka', topic='%s', bootstrap.servers='%s', delivery='%s', key='{{id}}', @map(type='json'))
                define stream Relayed (id long, sentAt long);
                from Orders select id, sentAt insert into Relayed;
                """.formatted(delivery.equals("idempotent") ? "KafkaIdempotent" : "KafkaTransactional", in(setup, delivery),
                "bench-" + topicPart(setup, delivery), servers, out(setup, delivery), servers, delivery));
    }

    static String in(Setup setup, String delivery) {
        return "bench-in-" + topicPart(setup, delivery);
    }

    static String out(Setup setup, String delivery) {
        return "bench-out-" + topicPart(setup, delivery);
    }

    private static String topicPart(Setup setup, String delivery) {
        return setup.name().toLowerCase(Locale.ROOT) + "-" + delivery;
    }

    /** Creates the topics of every setup's apps. */
    static void createTopics(KafkaBrokerProcess broker) throws InterruptedException {
        for (Setup setup : Setup.values()) {
            for (String delivery : DELIVERIES) {
                broker.createTopic(in(setup, delivery), PARTITIONS);
                broker.createTopic(out(setup, delivery), PARTITIONS);
            }
        }
    }

    /** Measures {@code delivery}'s app on {@code setup}. */
    static Figures measure(String servers, Setup setup, String delivery, int burst, int paceRate, Duration pace)
            throws InterruptedException {
        String in = in(setup, delivery);
        try (KafkaProducer<byte[], byte[]> producer = producer(servers);
             KafkaConsumer<byte[], byte[]> consumer = consumer(servers, out(setup, delivery))) {
            long nextId = 1;
            // Burst: all produced at once, then read until every output arrived.
            Set<Long> seen = new HashSet<>();
            long repeated = 0;
            long started = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                send(producer, in, nextId++);
            }
            producer.flush();
            long lastArrival = started;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (seen.size() < burst && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (!seen.add(idOf(record))) {
                        repeated++;
                    }
                    lastArrival = System.nanoTime();
                }
            }
            long burstLost = burst - seen.size();
            double perSecond = seen.size() / ((lastArrival - started) / 1e9);

            // Paced: one record every 1/paceRate s, each output's latency from the time in it.
            long firstPaced = nextId;
            int paced = (int) (paceRate * pace.toSeconds());
            List<Long> latencies = new ArrayList<>(paced);
            long paceStart = System.nanoTime();
            int sent = 0;
            deadline = paceStart + pace.toNanos() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && latencies.size() < paced) {
                long due = paceStart + sent * 1_000_000_000L / paceRate;
                while (sent < paced && System.nanoTime() >= due) {
                    send(producer, in, nextId++);
                    sent++;
                    due = paceStart + sent * 1_000_000_000L / paceRate;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                    long id = idOf(record);
                    if (!seen.add(id)) {
                        repeated++;
                    } else if (id >= firstPaced) {
                        latencies.add(System.currentTimeMillis() - sentAtOf(record));
                    }
                }
            }
            long lost = burstLost + (paced - latencies.size());
            return new Figures(setup, delivery, burst, perSecond, paceRate, List.copyOf(latencies), lost, repeated);
        }
    }

    static KafkaProducer<byte[], byte[]> producer(String servers) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", servers, "acks", "all", "linger.ms", 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Record {@code id} to {@code topic}, stamped with the time now; the partition follows from the id. */
    static Future<RecordMetadata> send(KafkaProducer<byte[], byte[]> producer, String topic, long id) {
        String json = "{\"event\":{\"id\":" + id + ",\"sentAt\":" + System.currentTimeMillis() + "}}";
        return producer.send(new ProducerRecord<>(topic, (int) (id % PARTITIONS), null,
                json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A {@code read_committed} reader of {@code topic}, placed at its end. */
    static KafkaConsumer<byte[], byte[]> consumer(String servers, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", servers,
                "isolation.level", "read_committed", "enable.auto.commit", "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is produced
        return consumer;
    }

    /** The id of the record an output relays. */
    static long idOf(ConsumerRecord<byte[], byte[]> record) {
        return number(ID, record);
    }

    /** When the record an output relays was produced, in epoch ms. */
    static long sentAtOf(ConsumerRecord<byte[], byte[]> record) {
        return number(SENT_AT, record);
    }

    private static long number(Pattern attribute, ConsumerRecord<byte[], byte[]> record) {
        Matcher matcher = attribute.matcher(new String(record.value(), StandardCharsets.UTF_8));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
