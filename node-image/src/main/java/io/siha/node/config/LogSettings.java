package io.siha.node.config;

import io.siha.api.NodeEnv;

import java.util.Locale;
import java.util.Optional;

/**
 * How the node logs, from {@link NodeEnv#LOG_LEVEL} and {@link NodeEnv#LOG_FORMAT}. Logback reads the two variables
 * itself when the process starts (siha-node-logback.xml); they are checked here too because logback's answer to a value
 * it does not know is no answer: an unknown format leaves the node with no log at all, an unknown level means DEBUG.
 * So such a value stops the node at start, naming the variable and what it may be.
 *
 * @param level  trace, debug, info, warn or error
 * @param format text or json
 */
public record LogSettings(Level level, Format format) {

    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    public enum Format { TEXT, JSON }

    public static final LogSettings DEFAULT = new LogSettings(Level.INFO, Format.TEXT);

    static LogSettings read(EnvReader in) {
        Level level = oneOf(in, NodeEnv.LOG_LEVEL, Level.class).orElse(DEFAULT.level());
        Format format = oneOf(in, NodeEnv.LOG_FORMAT, Format.class).orElse(DEFAULT.format());
        return new LogSettings(level, format);
    }

    /**
     * The value as one of {@code type}'s constants, spelled in lower case and nothing around it, as logback takes it
     * (an appender's name is matched exactly); a problem naming the choices otherwise.
     */
    private static <E extends Enum<E>> Optional<E> oneOf(EnvReader in, String name, Class<E> type) {
        Optional<String> value = in.untrimmed(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value.get())) {
                return Optional.of(constant);
            }
        }
        StringBuilder choices = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            choices.append(choices.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        in.problem(name + "='" + value.get() + "' is not one of " + choices + " (lower case)");
        return Optional.empty();
    }
}
