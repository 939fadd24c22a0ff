package io.siha.e2e.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** One run of a container: a real process with exactly the resolved environment, its output appended to a log. */
final class ContainerProcess {

    private final Process process;
    private final Instant startedAt = Instant.now();

    private ContainerProcess(Process process) {
        this.process = process;
    }

    static ContainerProcess start(List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new ContainerProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    Instant startedAt() {
        return startedAt;
    }

    long pid() {
        return process.pid();
    }

    /** Runs {@code onExit} with the exit code once the process has ended, whatever ended it. */
    void onExit(IntConsumer onExit) {
        process.onExit().thenAccept(p -> onExit.accept(p.exitValue()));
    }

    /** SIGKILL, as the OOM killer or a lost machine would; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /**
     * What the kubelet does on pod deletion: SIGTERM, up to the grace period to exit, then SIGKILL.
     *
     * @return the exit code
     */
    int terminate(Duration gracePeriod) {
        process.destroy();
        try {
            if (!process.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        return process.exitValue();
    }

    private void awaitExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
