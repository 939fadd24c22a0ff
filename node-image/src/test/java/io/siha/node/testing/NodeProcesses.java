package io.siha.node.testing;

import io.siha.node.demo.NodeLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Real node JVMs for tests, logging to target/node-logs/NAME.log. */
public final class NodeProcesses {

    private static final Path LOGS = Path.of("target", "node-logs");

    private NodeProcesses() {
    }

    public static Process start(String name, Map<String, String> env, String... args) {
        try {
            Files.createDirectories(LOGS);
            Files.deleteIfExists(logFile(name)); // what a test reads is this process's output, not an earlier run's
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NodeClassArchive archive = NodeClassArchive.ofThisBuild();
        return NodeLauncher.start(env, LOGS.resolve(name + ".log"),
                archive.jvmOptions(NodeLauncher.QUICK_START_JVM), archive.classPath(), args);
    }

    public static Path logFile(String name) {
        return LOGS.resolve(name + ".log");
    }

    public static String log(String name) {
        try {
            return Files.readString(logFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void kill(Process process) {
        NodeLauncher.kill(process);
    }
}
