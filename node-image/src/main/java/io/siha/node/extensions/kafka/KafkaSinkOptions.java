package io.siha.node.extensions.kafka;

import io.siddhi.core.util.transport.Option;
import io.siddhi.core.util.transport.OptionHolder;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;
import java.util.Properties;

/**
 * The parameters of one {@code @sink(type='kafka')}, checked as the app is created: SI's names ({@code topic},
 * {@code partition.no} and {@code key} may be dynamic, {@code {{attribute}}}), and the producer's properties: the
 * idempotent producer, {@code acks=all}, validated by Kafka's own {@link ProducerConfig}.
 *
 * @param partition     the {@code partition.no} option, null without one (the producer's partitioner chooses)
 * @param key           the {@code key} option, null without one
 * @param transactional {@code delivery='transactional'}: each batch of outputs one transaction
 */
record KafkaSinkOptions(Option topic, Option partition, Option key, boolean transactional,
                        Properties producerProperties) {

    static final String TOPIC = "topic";
    static final String PARTITION_NO = "partition.no";
    static final String KEY = "key";
    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    static final String OPTIONAL_CONFIGURATION = "optional.configuration";
    static final String SEQUENCE_ID = "sequence.id";
    static final String DELIVERY_OPTION = "delivery";
    static final String IDEMPOTENT = "idempotent";
    static final String TRANSACTIONAL = "transactional";

    private static final String DELIVERY = "the sink waits for every record to be written to all in-sync replicas,"
            + " once per producer session, and the pair retries what fails";
    /** What the sink sets itself, and why a user may not. */
    private static final Map<String, String> OWNED = Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, DELIVERY,
            ProducerConfig.ACKS_CONFIG, DELIVERY,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "set delivery='transactional': the sink names its transactions"
                    + " after the pair, app and stream, the same on both nodes, so that a new active fences the old",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "the key is the UTF-8 text of the parameter key",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "the value is what the @map made (text or bytes)",
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "use the parameter bootstrap.servers");

    /**
     * @param transactionalId the producer's {@code transactional.id} if the sink is transactional: the same for the
     *                        sink on both nodes of the pair
     */
    static KafkaSinkOptions parse(OptionHolder options, String transactionalId) {
        if (!options.isOptionExists(TOPIC)) {
            throw new IllegalArgumentException(TOPIC + " is required: the topic to write to");
        }
        Option topic = options.validateAndGetOption(TOPIC);
        if (topic.isStatic()) {
            KafkaClientProperties.topic(TOPIC, topic.getValue());
        }
        Option partition = options.isOptionExists(PARTITION_NO) ? options.validateAndGetOption(PARTITION_NO) : null;
        if (partition != null && partition.isStatic()) {
            partition(partition.getValue());
        }
        if (options.isOptionExists(SEQUENCE_ID)) {
            throw new IllegalArgumentException(SEQUENCE_ID + " (SI's sequence prefix on each payload) is not"
                    + " supported: each record carries its output id in the header " + KafkaSink.OUTPUT_ID_HEADER);
        }
        Option key = options.isOptionExists(KEY) ? options.validateAndGetOption(KEY) : null;
        String delivery = options.validateAndGetStaticValue(DELIVERY_OPTION, IDEMPOTENT).trim();
        if (!delivery.equals(IDEMPOTENT) && !delivery.equals(TRANSACTIONAL)) {
            throw new IllegalArgumentException(DELIVERY_OPTION + " '" + delivery + "' is neither " + IDEMPOTENT
                    + " nor " + TRANSACTIONAL);
        }
        boolean transactional = delivery.equals(TRANSACTIONAL);
        if (transactional && !topic.isStatic()) {
            throw new IllegalArgumentException(DELIVERY_OPTION + "='" + TRANSACTIONAL + "' needs a static " + TOPIC
                    + ": a new active reads back from it what the sink committed");
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaClientProperties.bootstrapServers(
                options.validateAndGetStaticValue(BOOTSTRAP_SERVERS, null)));
        // Bounded waits: a publish that fails throws and the pair hands the same output over again after a backoff.
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        // No wait to fill a batch: the sink sends a run of outputs at once and waits for them together, and while
        // requests are in flight the producer batches what comes meanwhile; Kafka 4's 5 ms would only add latency
        // (when the sink still waited for each record: 130 records/s with it, 450 to 700 without).
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer.putAll(KafkaClientProperties.optional(options.validateAndGetStaticValue(OPTIONAL_CONFIGURATION,
                null), OWNED));
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactional) {
            producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        KafkaClientProperties.checkedByKafka("producer", producer, ProducerConfig::new);
        return new KafkaSinkOptions(topic, partition, key, transactional, producer);
    }

    /** A {@code partition.no} value: a partition number, 0 or more. */
    static int partition(String value) {
        try {
            int partition = Integer.parseInt(value.trim());
            if (partition >= 0) {
                return partition;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(PARTITION_NO + " '" + value + "' is not a partition number (0 or more)");
    }
}
