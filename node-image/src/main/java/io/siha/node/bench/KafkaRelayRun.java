package io.siha.node.bench;

import io.siha.api.SiHaDefaults;
import io.siha.node.demo.KafkaBrokerProcess;
import io.siha.node.demo.LocalNode;
import io.siha.node.engine.AppSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka in, app, Kafka out, through a real HA pair (acknowledging after the passive) and a real broker: two relay apps
 * on the same pair, one writing with {@code delivery='idempotent'}, the other with {@code delivery='transactional'},
 * each reading its own input topic of 3 partitions and writing its own output topic of 3, measured in the same run in
 * the order idempotent, transactional, transactional, idempotent (so that a drift of the machine over the run weighs
 * on both alike), each mode's two rounds taken together. Throughput: a burst of records produced at once, to the last of their outputs on the output
 * topic (read by a {@code read_committed} consumer, as a transactional sink's readers must). Latency: records at a
 * steady rate, each carrying the time it was produced, to the moment its output reaches that consumer (one clock, the
 * bench's). Every output is checked to have arrived.
 */
final class KafkaRelayRun {

    /** The two ways the sink writes, in the order measured. */
    static final List<String> DELIVERIES = List.of("idempotent", "transactional");
    private static final int PARTITIONS = 3;
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern SENT_AT = Pattern.compile("\"sentAt\":(\\d+)");

    /**
     * One delivery mode's figures, of one measured round or of several together.
     *
     * @param recordsPerSecond outputs on the topic per second, burst produced to last output (mean of the rounds)
     * @param latenciesMs      produced to its output read, at {@code paceRate} records/s, every paced record's
     * @param lost             records whose output never arrived
     * @param repeated         outputs read more than once
     */
    record Figures(String delivery, int burst, double recordsPerSecond, int paceRate, List<Long> latenciesMs,
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
            return new Figures(delivery, burst, (recordsPerSecond + other.recordsPerSecond) / 2, paceRate,
                    List.copyOf(latencies), lost + other.lost, repeated + other.repeated);
        }
    }

    private KafkaRelayRun() {
    }

    /** The relay app of {@code delivery}: its input topic to its output topic. */
    static AppSource app(String delivery, String servers) {
        return new AppSource("kafka-" + delivery + ".siddhi", """
                @app:name('%s')
                @source(type='kafka', topic.list='%s', group.id='bench-%s', bootstrap.servers='%s',
                    partition.no.list='0,1,2', @map(type='json'))
                define stream Orders (id long, sentAt long);
                @sink(type='kafka', topic='%s', bootstrap.servers='%s', delivery='%s', key='{{id}}', @map(type='json'))
                define stream Relayed (id long, sentAt long);
                from Orders select id, sentAt insert into Relayed;
                """.formatted(delivery.equals("idempotent") ? "KafkaIdempotent" : "KafkaTransactional", in(delivery), delivery, servers, out(delivery), servers, delivery));
    }

    static String in(String delivery) {
        return "bench-in-" + delivery;
    }

    static String out(String delivery) {
        return "bench-out-" + delivery;
    }

    /** Creates the topics of both apps. */
    static void createTopics(KafkaBrokerProcess broker) throws InterruptedException {
        for (String delivery : DELIVERIES) {
            broker.createTopic(in(delivery), PARTITIONS);
            broker.createTopic(out(delivery), PARTITIONS);
        }
    }

    /** Measures {@code delivery}'s app on the pair whose active is {@code active}. */
    static Figures measure(String servers, String delivery, int burst, int paceRate, Duration pace)
            throws InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
                "acks", "all", "linger.ms", 5), new ByteArraySerializer(), new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = consumer(servers, out(delivery))) {
            long nextId = 1;
            // Burst: all produced at once, then read until every output arrived.
            Set<Long> seen = new HashSet<>();
            long repeated = 0;
            long started = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                send(producer, delivery, nextId++);
            }
            producer.flush();
            long lastArrival = started;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (seen.size() < burst && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (!seen.add(number(ID, record))) {
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
                    send(producer, delivery, nextId++);
                    sent++;
                    due = paceStart + sent * 1_000_000_000L / paceRate;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                    long id = number(ID, record);
                    if (!seen.add(id)) {
                        repeated++;
                    } else if (id >= firstPaced) {
                        latencies.add(System.currentTimeMillis() - number(SENT_AT, record));
                    }
                }
            }
            long lost = burstLost + (paced - latencies.size());
            return new Figures(delivery, burst, perSecond, paceRate, List.copyOf(latencies), lost, repeated);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String delivery, long id) {
        String json = "{\"event\":{\"id\":" + id + ",\"sentAt\":" + System.currentTimeMillis() + "}}";
        producer.send(new ProducerRecord<>(in(delivery), (int) (id % PARTITIONS), null,
                json.getBytes(StandardCharsets.UTF_8)));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String servers, String topic) {
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

    private static long number(Pattern attribute, ConsumerRecord<byte[], byte[]> record) {
        Matcher matcher = attribute.matcher(new String(record.value(), StandardCharsets.UTF_8));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** The pair both apps run on: the defaults' timing, acknowledging after the passive. */
    static List<LocalNode> startPair(BenchCluster cluster, String servers) throws java.io.IOException {
        return cluster.startNodes("kafka", 2, SiHaDefaults.HEARTBEAT_INTERVAL_MS, SiHaDefaults.HEARTBEAT_MAX_RETRIES,
                SiHaDefaults.PERSISTENCE_INTERVAL_MS, true, DELIVERIES.stream().map(d -> app(d, servers)).toList());
    }
}
