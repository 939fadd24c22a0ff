package io.siha.node.kafka;

import io.siha.node.demo.KafkaOutputs;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker for tests, in KRaft mode: one combined broker and controller from Kafka's own
 * {@link KafkaClusterTestKit}, in the test JVM, on a free loopback port, its logs in a temporary directory deleted on
 * close; its own log lines only from WARN up (test resources' simplelogger.properties). The shared instance lives for the whole test JVM (it takes 4 to 6 s to start on 2 cores); tests isolate
 * themselves with their own topics and group ids. A test may take the broker {@linkplain #down() down} and
 * {@linkplain #up() up} again: its broker side stops as Kafka stops one (controlled shutdown, listener closed, clients
 * refused) and starts again on the same port and log, its KRaft controller staying up meanwhile.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static KafkaBroker shared;

    /** The user and password a client of a {@link #startSasl() SASL broker} logs in with (the kit's own). */
    public static final String SASL_USER = JaasUtils.KAFKA_PLAIN_USER1;
    public static final String SASL_PASSWORD = JaasUtils.KAFKA_PLAIN_USER1_PASSWORD;

    private final KafkaClusterTestKit cluster;
    private final long startMs;
    /** What the test's own clients need besides bootstrap.servers: SASL settings on a SASL broker, else none. */
    private final Map<String, Object> clientProperties;
    private KafkaProducer<byte[], byte[]> producer;

    private KafkaBroker(KafkaClusterTestKit cluster, long startMs, Map<String, Object> clientProperties) {
        this.cluster = cluster;
        this.startMs = startMs;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** The JVM-wide broker, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-kafka-stop"));
        }
        return shared;
    }

    /** A broker of its own, for a test that stops it. */
    public static KafkaBroker startNew() {
        return start(SecurityProtocol.PLAINTEXT, Map.of());
    }

    /**
     * A broker of its own whose clients log in with SASL/PLAIN ({@link #SASL_USER}, {@link #SASL_PASSWORD}; the kit
     * writes the broker's JAAS file and names it in the JVM's {@code java.security.auth.login.config}, which only
     * brokers read).
     */
    public static KafkaBroker startSasl() {
        return start(SecurityProtocol.SASL_PLAINTEXT, Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", plainLogin(SASL_USER, SASL_PASSWORD)));
    }

    /** The {@code sasl.jaas.config} of a client logging in with SASL/PLAIN. */
    public static String plainLogin(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static KafkaBroker start(SecurityProtocol protocol, Map<String, Object> clientProperties) {
        long started = System.nanoTime();
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(protocol).setControllerSecurityProtocol(protocol)
                    // A directory of ours: the kit's default one is deleted by a JVM shutdown hook of Kafka's own,
                    // racing the broker's last checkpoint writes as it closes (ERROR lines, not a failure).
                    .setBaseDirectory(Files.createTempDirectory("siha-kafka")).build())
                    // One broker: internal topics (offsets, transactions) cannot have three replicas.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // With SASL the kit turns on Kafka's authorizer (only its admin is a super user): any user who
                    // logged in may use any topic, as on the plain broker.
                    .setConfigProp("allow.everyone.if.no.acl.found", "true")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            log.info("Kafka broker (KRaft, combined) ready at {} in {} ms", cluster.bootstrapServers(), startMs);
            return new KafkaBroker(cluster, startMs, clientProperties);
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker did not start: " + e, e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** How long the broker took from building to ready, in ms. */
    public long startMs() {
        return startMs;
    }

    /** Creates {@code topic} with {@code partitions} partitions (replication factor 1) and waits for it. */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic " + topic + " not created: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code value} to {@code partition} of {@code topic} and waits for the broker's acknowledgement. */
    public void send(String topic, int partition, String value) {
        sendAll(topic, List.of(new Placed(partition, value)));
    }

    /** A record's value and the partition it goes to. */
    public record Placed(int partition, String value) {
    }

    /**
     * Writes {@code records} to {@code topic}, in their order, all sent before the first is waited for, and waits for
     * the broker to acknowledge every one (the idempotent producer: none written twice by its retries).
     */
    public synchronized void sendAll(String topic, List<Placed> records) {
        if (producer == null) {
            producer = new KafkaProducer<>(clientProperties(Map.of("acks", "all", "linger.ms", "5")),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        List<Future<RecordMetadata>> written = new ArrayList<>(records.size());
        for (Placed record : records) {
            written.add(producer.send(new ProducerRecord<>(topic, record.partition(), null, record.value() == null
                    ? null : record.value().getBytes(StandardCharsets.UTF_8))));
        }
        try {
            for (Future<RecordMetadata> future : written) {
                future.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("records not written to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the broker side as Kafka stops a broker (controlled shutdown: its listener closes, clients are refused);
     * its controller stays up. {@link #up()} starts it again.
     */
    public void down() {
        cluster.brokers().values().forEach(broker -> {
            broker.shutdown();
            broker.awaitShutdown();
        });
    }

    /** Starts the broker side again, on the same port and log, and waits until it serves. */
    public void up() {
        cluster.brokers().values().forEach(BrokerServer::startup);
        try {
            cluster.waitForReadyBrokers();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test Kafka broker did not come back: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every record of {@code topic} from its beginning, once at least {@code count} arrived or {@code within} passed
     * (then also those that came a little later, 300 ms without a new one: a test counting duplicates sees them).
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int count, Duration within) {
        return KafkaOutputs.readAll(clientProperties(Map.of()), topic, count, within);
    }

    public Admin admin() {
        return Admin.create(clientProperties(Map.of()));
    }

    /** {@code properties} with bootstrap.servers and, on a SASL broker, the test's login. */
    public Map<String, Object> clientProperties(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(clientProperties);
        all.putAll(properties);
        all.put("bootstrap.servers", bootstrapServers());
        return all;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("the test Kafka broker did not close cleanly: {}", e.toString());
        }
    }
}
