package io.siha.node.config;

import io.siha.api.NodeEnv;


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
        Level level = in.oneOf(NodeEnv.LOG_LEVEL, Level.class).orElse(DEFAULT.level());
        Format format = in.oneOf(NodeEnv.LOG_FORMAT, Format.class).orElse(DEFAULT.format());
        return new LogSettings(level, format);
    }
}
