package io.siha.node.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Reads typed values from an environment map and collects every problem instead of stopping at the
 * first, so an operator fixing a pod spec sees all of them at once. Each message names the variable.
 */
final class EnvReader {

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    Optional<String> optional(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    /** The value exactly as set, surrounding blanks included (for a reader that does not trim); empty when blank. */
    Optional<String> untrimmed(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A required value; records a problem (and returns null) when unset. */
    String required(String name, String hint) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            problems.add(name + " is not set: " + hint);
            return null;
        }
        return value.get();
    }

    String matching(String name, String value, Pattern pattern, String expected) {
        if (value != null && !pattern.matcher(value).matches()) {
            // A JDBC URL may carry the database password; the message goes to the log.
            problems.add(name + "='" + DatabaseSettings.redacted(value) + "' is malformed: expected " + expected);
        }
        return value;
    }

    long longInRange(String name, long defaultValue, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            problems.add(name + "='" + raw.get() + "' is not a whole number (expected " + min + ".." + max + ")");
            return defaultValue;
        }
        if (value < min || value > max) {
            problems.add(name + "=" + value + " is out of range: expected " + min + ".." + max);
        }
        return value;
    }

    int intInRange(String name, int defaultValue, int min, int max) {
        return (int) longInRange(name, defaultValue, min, max);
    }

    boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(name + "='" + raw.get() + "' is not a boolean: expected true or false");
                yield defaultValue;
            }
        };
    }

    int port(String name, int defaultValue) {
        return intInRange(name, defaultValue, 1, 65535);
    }

    void problem(String message) {
        problems.add(message);
    }

    /** Throws one exception listing every problem recorded so far, if any. */
    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /**
     * The value as one of {@code type}'s constants, spelled in lower case with '-' for '_' and nothing around it
     * (logback matches an appender's name exactly, so a level or format must be spelled so too); a problem naming the
     * choices otherwise.
     */
    <E extends Enum<E>> Optional<E> oneOf(String name, Class<E> type) {
        Optional<String> value = untrimmed(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equals(value.get())) {
                return Optional.of(constant);
            }
        }
        StringJoiner choices = new StringJoiner(", ");
        for (E constant : type.getEnumConstants()) {
            choices.add(spelling(constant));
        }
        problem(name + "='" + value.get() + "' is not one of " + choices + " (lower case)");
        return Optional.empty();
    }

    private static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
