package io.siha.node.demo;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Options of {@code si-ha-node.jar demo}.
 *
 * @param events   how many events to send (with {@code --kafka}: records to produce)
 * @param killAt   after how many acknowledged events (produced records) the active is killed with SIGKILL
 * @param batch    events per batch (one EVENTS frame); not used with {@code --kafka}
 * @param kafka    the Kafka demo: records in from a topic, alerts out to a topic, on a broker the demo starts
 * @param kafkaLib the Kafka broker's jars, when not where the build puts them ({@link KafkaBrokerProcess})
 */
public record DemoOptions(int events, int killAt, int batch, boolean kafka, Optional<Path> kafkaLib) {

    public static final DemoOptions DEFAULTS = new DemoOptions(3000, 1500, 10, false, Optional.empty());
    private static final String KNOWN = "known: --events N, --kill-at K, --batch B, --kafka, --kafka-lib DIR";

    /** The HTTP demo's options. */
    public DemoOptions(int events, int killAt, int batch) {
        this(events, killAt, batch, false, Optional.empty());
    }

    /**
     * Parses {@code --events N --kill-at K --batch B --kafka --kafka-lib DIR}; throws IllegalArgumentException naming a
     * bad one.
     */
    public static DemoOptions parse(String[] args) {
        int events = DEFAULTS.events;
        int killAt = -1;
        int batch = DEFAULTS.batch;
        boolean kafka = false;
        Optional<Path> kafkaLib = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--kafka")) {
                kafka = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + (name.startsWith("--") ? " needs a value" : ": not an"
                        + " option (" + KNOWN + ")"));
            }
            String value = args[++i];
            switch (name) {
                case "--events" -> events = parsePositive(name, value);
                case "--kill-at" -> killAt = parsePositive(name, value);
                case "--batch" -> batch = parsePositive(name, value);
                case "--kafka-lib" -> kafkaLib = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + name + " (" + KNOWN + ")");
            }
        }
        if (killAt < 0) {
            killAt = events / 2;
        }
        if (killAt >= events) {
            throw new IllegalArgumentException("--kill-at " + killAt + " must be below --events " + events);
        }
        if (kafkaLib.isPresent() && !kafka) {
            throw new IllegalArgumentException("--kafka-lib is for the Kafka demo: add --kafka");
        }
        return new DemoOptions(events, killAt, batch, kafka, kafkaLib);
    }

    private static int parsePositive(String name, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
        }
    }
}
