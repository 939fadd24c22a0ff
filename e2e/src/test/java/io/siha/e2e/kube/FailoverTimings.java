package io.siha.e2e.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Measured times from SIGKILL of the active's process to the Service resolving to the other pod, printed and
 * appended to {@code target/kube-e2e/failover-times.txt} for the README.
 */
final class FailoverTimings {

    private static final Path FILE = Path.of("target", "kube-e2e", "failover-times.txt");

    private FailoverTimings() {
    }

    /** One failover: SIGKILL to the survivor's pod labelled active, and to the Service resolving to it alone. */
    record Run(long labelledMs, long serviceMs) {
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static void report(String setting, List<Run> runs) {
        List<Long> service = runs.stream().map(Run::serviceMs).toList();
        List<Long> labelled = runs.stream().map(Run::labelledMs).toList();
        String line = String.format("%s: SIGKILL of the active -> Service resolves to the new active %s ms, median"
                + " %d ms (-> new active labelled its pod %s ms, median %d ms)%n", setting, service, median(service),
                labelled, median(labelled));
        record(line);
    }

    /** Prints {@code line} (ending in a newline) and appends it to the file. */
    static void record(String line) {
        append(FILE, line);
    }

    /** Prints {@code line} and appends it to {@code file}, for the README's figures. */
    static void append(Path file, String line) {
        System.out.print(line);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
