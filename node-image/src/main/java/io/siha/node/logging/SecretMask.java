package io.siha.node.logging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values the apps take from the node's environment ({@code ${NAME}} in an app's text, which Siddhi replaces with the
 * system property or environment variable of that name as it parses the app): SASL passwords, TLS key passwords, tokens.
 * Every line the node logs, and every message of an app that does not parse, shows such a value as {@code ${NAME}}
 * instead: Siddhi quotes the annotation an error is near, with its options, a Kafka client may name a setting it
 * refuses, and neither knows which values are secret. The node cannot tell either, so it masks them all; a value of
 * fewer than {@value #SHORTEST} characters is left alone (masking "1" or "true" would garble every line, and nobody
 * keeps a secret that short).
 *
 * <p>Process-wide: logback builds the encoder that reads it from its configuration file, before any app is loaded.
 */
public final class SecretMask {

    static final int SHORTEST = 4;
    /** value as it may appear in a line (as is, JSON-escaped) to what shows instead */
    private static final Map<String, String> MASKS = new ConcurrentHashMap<>();
    /** the values longest first, so that a value inside a longer one does not break the longer one's mask */
    private static volatile List<String> longestFirst = List.of();

    private SecretMask() {
    }

    /** From now on, {@code value} (of variable {@code name}) shows as {@code ${name}}. */
    public static synchronized void add(String name, String value) {
        if (value == null || value.length() < SHORTEST) {
            return;
        }
        String mask = "${" + name + "}";
        MASKS.put(value, mask);
        MASKS.put(jsonEscaped(value), mask);
        longestFirst = MASKS.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} with every value added shown as its variable's name. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String value : longestFirst) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASKS.get(value));
            }
        }
        return masked;
    }

    /** Whether any value is masked (the encoder then decodes and re-encodes each line; otherwise it passes through). */
    static boolean any() {
        return !longestFirst.isEmpty();
    }

    /** As a JSON encoder writes the value inside a string: a JSON log line holds that form, not the value. */
    private static String jsonEscaped(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
