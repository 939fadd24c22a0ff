package io.siha.node.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a node as its own JVM, on this process's class path unless told another, with exactly the given environment,
 * appending its output to a log file.
 */
public final class NodeLauncher {

    /**
     * For short runs on a small machine (the demo, the tests): a small heap and the quick JIT only, so a node is up
     * in a second or two. The benchmark gives its nodes the full JIT instead.
     */
    public static final List<String> QUICK_START_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private NodeLauncher() {
    }

    /** This JVM's own class path: the fat jar when run with {@code java -jar}, the build's class path in tests. */
    public static String ownClassPath() {
        return System.getProperty("java.class.path");
    }

    /**
     * Starts a node JVM. It always stops on an OutOfMemoryError, whatever the options say, as the image's does: a node
     * that ran out of memory must die so that its peer takes over, not linger holding its lease.
     */
    public static Process start(Map<String, String> env, Path log, List<String> jvmOptions, String classPath,
                                String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "io.siha.node.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a node JVM", e);
        }
    }

    /** SIGKILL, as the kernel's OOM killer or a lost machine does; waits until the process is gone. */
    public static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
