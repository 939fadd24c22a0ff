package io.siha.node.extensions.kafka;

import io.siddhi.core.util.transport.OptionHolder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The parameters of one {@code @source(type='kafka')}, checked as the app is created (on both nodes, so a bad one stops
 * the node at start): SI's names, and the consumer's properties, validated by Kafka's own {@link ConsumerConfig}.
 *
 * @param partitions         {@code partition.no.list}, the same for every topic; empty: subscribe with the group
 * @param binary             {@code is.binary.message}: the mapper gets the record's bytes, not a UTF-8 string
 * @param consumerProperties everything the consumer is made with
 */
record KafkaSourceOptions(List<String> topics, String groupId, List<Integer> partitions, boolean binary,
                          Properties consumerProperties) {

    static final String TOPIC_LIST = "topic.list";
    static final String GROUP_ID = "group.id";
    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    static final String PARTITION_NO_LIST = "partition.no.list";
    static final String THREADING_OPTION = "threading.option";
    static final String IS_BINARY_MESSAGE = "is.binary.message";
    static final String OPTIONAL_CONFIGURATION = "optional.configuration";
    static final String SEQ_ENABLED = "seq.enabled";
    static final List<String> THREADING_OPTIONS = List.of("single.thread", "topic.wise", "partition.wise");

    /** What the source sets itself, and why a user may not. */
    private static final Map<String, String> OWNED = Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "the source commits nothing to Kafka: the offsets it resumes"
                    + " from are in the pair's snapshots",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "records reach the @map as bytes or text"
                    + " (is.binary.message)",
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "records reach the @map as bytes or text"
                    + " (is.binary.message)",
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "use the parameter bootstrap.servers",
            ConsumerConfig.GROUP_ID_CONFIG, "use the parameter group.id");

    static KafkaSourceOptions parse(OptionHolder options) {
        List<String> topics = KafkaClientProperties.topics(TOPIC_LIST, options.validateAndGetStaticValue(TOPIC_LIST,
                null));
        String groupId = options.validateAndGetStaticValue(GROUP_ID, null);
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException(GROUP_ID + " is required (the consumer group; the source joins it only"
                    + " without " + PARTITION_NO_LIST + ")");
        }
        String threading = options.validateAndGetStaticValue(THREADING_OPTION, THREADING_OPTIONS.get(0));
        if (!THREADING_OPTIONS.contains(threading)) {
            throw new IllegalArgumentException(THREADING_OPTION + " '" + threading + "' is none of "
                    + THREADING_OPTIONS);
        }
        if (Boolean.parseBoolean(options.validateAndGetStaticValue(SEQ_ENABLED, "false"))) {
            throw new IllegalArgumentException(SEQ_ENABLED + "='true' (SI's sequence prefixes of multi-DC"
                    + " producers) is not supported: the node counts each record once by its offset");
        }
        String binary = options.validateAndGetStaticValue(IS_BINARY_MESSAGE, "false");
        if (!binary.equalsIgnoreCase("true") && !binary.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(IS_BINARY_MESSAGE + " '" + binary + "' is neither true nor false");
        }
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaClientProperties.bootstrapServers(
                options.validateAndGetStaticValue(BOOTSTRAP_SERVERS, null)));
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // As SI's source: from the start of a partition the pair has read nothing of (a user may say 'latest').
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.putAll(KafkaClientProperties.optional(options.validateAndGetStaticValue(OPTIONAL_CONFIGURATION,
                null), OWNED));
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaClientProperties.checkedByKafka("consumer", consumer, ConsumerConfig::new);
        return new KafkaSourceOptions(topics, groupId, partitions(options.validateAndGetStaticValue(PARTITION_NO_LIST,
                null)), Boolean.parseBoolean(binary), consumer);
    }

    private static List<Integer> partitions(String value) {
        if (value == null) {
            return List.of();
        }
        List<Integer> partitions = new ArrayList<>();
        for (String item : value.split(",")) {
            int partition;
            try {
                partition = Integer.parseInt(item.trim());
            } catch (NumberFormatException e) {
                partition = -1;
            }
            if (partition < 0) {
                throw new IllegalArgumentException(PARTITION_NO_LIST + " '" + value + "': '" + item.trim()
                        + "' is not a partition number (0 or more)");
            }
            if (partitions.contains(partition)) {
                throw new IllegalArgumentException(PARTITION_NO_LIST + " '" + value + "' names " + partition
                        + " twice");
            }
            partitions.add(partition);
        }
        return List.copyOf(partitions);
    }

    /** Manual assignment of {@link #assigned} (the group is not joined), or a subscription with the group. */
    boolean assignsPartitions() {
        return !partitions.isEmpty();
    }

    /** The partitions {@code partition.no.list} names, of every topic. */
    List<TopicPartition> assigned() {
        List<TopicPartition> assigned = new ArrayList<>();
        for (String topic : topics) {
            partitions.forEach(partition -> assigned.add(new TopicPartition(topic, partition)));
        }
        return assigned;
    }

    /** Whether this source reads {@code partition}: one of its topics, and one of its partitions if it names them. */
    boolean reads(TopicPartition partition) {
        return topics.contains(partition.topic()) && (partitions.isEmpty()
                || partitions.contains(partition.partition()));
    }
}
