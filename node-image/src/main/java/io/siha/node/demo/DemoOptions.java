package io.siha.node.demo;

/**
 * Options of {@code si-ha-node.jar demo}.
 *
 * @param events how many events to send
 * @param killAt after how many acknowledged events the active is killed with SIGKILL
 * @param batch  events per batch (one EVENTS frame)
 */
public record DemoOptions(int events, int killAt, int batch) {

    public static final DemoOptions DEFAULTS = new DemoOptions(3000, 1500, 10);

    /** Parses {@code --events N --kill-at K --batch B}; throws IllegalArgumentException naming a bad one. */
    public static DemoOptions parse(String[] args) {
        int events = DEFAULTS.events;
        int killAt = -1;
        int batch = DEFAULTS.batch;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            int value = parsePositive(name, args[++i]);
            switch (name) {
                case "--events" -> events = value;
                case "--kill-at" -> killAt = value;
                case "--batch" -> batch = value;
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (known: --events N, --kill-at K, --batch B)");
            }
        }
        if (killAt < 0) {
            killAt = events / 2;
        }
        if (killAt >= events) {
            throw new IllegalArgumentException("--kill-at " + killAt + " must be below --events " + events);
        }
        return new DemoOptions(events, killAt, batch);
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
