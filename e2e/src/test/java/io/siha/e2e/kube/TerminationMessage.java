package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Container;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The termination message the kubelet records for a container that exited, as it makes it: the file at
 * terminationMessagePath, which the node never writes, so empty; with {@code FallbackToLogsOnError} and a non-zero
 * exit code, the tail of that run's log instead, at most {@link #MAX_LINES} lines and {@link #MAX_BYTES} bytes
 * (kubelet's {@code kubecontainer.MaxContainerTerminationMessageLogLines} and {@code ...LogLength}).
 */
final class TerminationMessage {

    static final int MAX_LINES = 80;
    static final int MAX_BYTES = 2048;

    private TerminationMessage() {
    }

    /**
     * @param runStartedAt where in the container's log (appended to by every run) this run's output begins
     */
    static String of(Container container, int exitCode, Path log, long runStartedAt) {
        if (exitCode == 0 || !"FallbackToLogsOnError".equals(container.getTerminationMessagePolicy())) {
            return "";
        }
        String tail = lastBytes(log, runStartedAt);
        String[] lines = tail.split("\n", -1);
        int from = Math.max(0, lines.length - MAX_LINES - (tail.endsWith("\n") ? 1 : 0));
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    private static String lastBytes(Path log, long runStartedAt) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(runStartedAt, file.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
