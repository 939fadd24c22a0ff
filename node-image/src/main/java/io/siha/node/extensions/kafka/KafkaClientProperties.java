package io.siha.node.extensions.kafka;

import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the Kafka source and sink read alike from an app: {@code bootstrap.servers}, topic names and SI's
 * {@code optional.configuration} ({@code key:value,key2:value2}: any Kafka client property, SASL and TLS among them),
 * checked with messages that name the parameter and what is wrong. Stricter than SI's, which logs a malformed entry of
 * {@code optional.configuration} and goes on without it: here it stops the app at start.
 */
final class KafkaClientProperties {

    /** Kafka's legal topic characters; the length leaves room in an event id (255 bytes) for partition and offset. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
    private static final Pattern SERVER = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^\\s:,\\[\\]]+):(\\d{1,5})");

    private KafkaClientProperties() {
    }

    /** {@code host:port,host:port}, checked for form only (names are resolved when the client connects). */
    static String bootstrapServers(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("bootstrap.servers is required: host:port[,host:port...]");
        }
        for (String server : value.split(",")) {
            var matcher = SERVER.matcher(server.trim());
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1
                    || Integer.parseInt(matcher.group(2)) > 65_535) {
                throw new IllegalArgumentException("bootstrap.servers '" + value + "': '" + server.trim()
                        + "' is not host:port with a port from 1 to 65535");
            }
        }
        return value.replace(" ", "");
    }

    /** One topic name, as Kafka allows them, at most 200 characters. */
    static String topic(String parameter, String value) {
        if (value == null || !TOPIC.matcher(value).matches()) {
            throw new IllegalArgumentException(parameter + " '" + value + "' is not a Kafka topic name (1 to 200 of"
                    + " a-z, A-Z, 0-9, '.', '_', '-')");
        }
        return value;
    }

    /** A comma-separated list of topic names, at least one, none twice. */
    static List<String> topics(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(parameter + " is required: one or more topics, comma-separated");
        }
        List<String> topics = new ArrayList<>();
        for (String topic : value.split(",")) {
            String name = topic(parameter, topic.trim());
            if (topics.contains(name)) {
                throw new IllegalArgumentException(parameter + " '" + value + "' names '" + name + "' twice");
            }
            topics.add(name);
        }
        return List.copyOf(topics);
    }

    /**
     * SI's {@code optional.configuration}: {@code key:value} entries separated by commas, each split at its first
     * colon (so a value may hold colons, not commas).
     *
     * @param owned keys the extension sets itself and a user may not change, with why
     */
    static Map<String, String> optional(String value, Map<String, String> owned) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return properties;
        }
        String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            int colon = entry.indexOf(':');
            String key = colon < 0 ? "" : entry.substring(0, colon).trim();
            if (key.isEmpty()) {
                // Not quoted: the entry may be part of a password or JAAS line that held a comma.
                throw new IllegalArgumentException("optional.configuration entry " + (i + 1) + " of "
                        + entries.length + " is not key:value (entries are separated by commas, so a value may not"
                        + " hold one)");
            }
            if (owned.containsKey(key)) {
                throw new IllegalArgumentException("optional.configuration may not set '" + key + "': "
                        + owned.get(key));
            }
            properties.put(key, entry.substring(colon + 1).trim());
        }
        return properties;
    }

    /**
     * Has Kafka's own config class ({@code ConsumerConfig::new}, {@code ProducerConfig::new}) check {@code properties}:
     * unknown values, wrong types, settings that contradict each other, in Kafka's words.
     */
    static void checkedByKafka(String client, Properties properties, Consumer<Properties> config) {
        try {
            config.accept(properties);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the " + client + "'s configuration is refused by Kafka: "
                    + e.getMessage(), e);
        }
    }
}
