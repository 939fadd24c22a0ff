package io.siha.node.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds Debian's {@code prometheus} and {@code promtool} (package {@code prometheus}, 2.42): on the PATH or in
 * /usr/bin. The monitoring tests need them and are skipped, saying so, where they are absent.
 */
public final class PrometheusBinaries {

    /** What a skipped test says. */
    public static final String MISSING = "the prometheus package is not installed (apt-get install -y prometheus: "
            + "Debian's Prometheus 2.42 with promtool); the monitoring tests need it";

    private PrometheusBinaries() {
    }

    public static Optional<Path> prometheus() {
        return find("prometheus");
    }

    public static Optional<Path> promtool() {
        return find("promtool");
    }

    private static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
