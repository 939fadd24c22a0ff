package io.siha.node.demo;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka broker for the Kafka demo and bench, in KRaft mode (one combined broker and controller on two free loopback
 * ports), as a child process run by Kafka's own main classes ({@code kafka.tools.StorageTool} formats its log
 * directory, {@code kafka.Kafka} runs it) from the jars the build's {@code kafka-broker} module copies to
 * {@code kafka-broker/target/lib}: the broker and Scala are not in the node's jar, which has Kafka's client only. Its
 * data and its log file ({@code kafka-broker.log}, WARN and up) are in the demo's work directory.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    /** Where the build puts the broker's jars, from the root of the source tree. */
    static final Path BUILT_LIB = Path.of("kafka-broker", "target", "lib");
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final Process process;
    private final String bootstrapServers;
    private final Path log;

    private KafkaBrokerProcess(Process process, String bootstrapServers, Path log) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.log = log;
    }

    /**
     * The broker's jars: {@code given}, or where the build puts them, found from this jar's place in the tree
     * ({@code node-image/target/si-ha-node.jar}, or {@code node-image/target/classes}) or from the working directory.
     */
    public static Path lib(Optional<Path> given) {
        List<Path> tried = new ArrayList<>();
        if (given.isPresent()) {
            tried.add(given.get());
        } else {
            codeTree().ifPresent(root -> tried.add(root.resolve(BUILT_LIB)));
            tried.add(BUILT_LIB.toAbsolutePath());
        }
        for (Path candidate : tried) {
            if (hasBroker(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Kafka broker jars (kafka_2.13-*.jar) in " + tried
                + ": build them with `mvn -B -DskipTests package` at the root of the source tree (module"
                + " kafka-broker), or give their directory with --kafka-lib DIR");
    }

    /** Formats a log directory under {@code work} and starts the broker; returns once it answers a client. */
    public static KafkaBrokerProcess start(Path lib, Path work) throws IOException, InterruptedException {
        int port = LoopbackPorts.free();
        int controllerPort = LoopbackPorts.free();
        Path config = work.resolve("kafka-broker.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + work.resolve("kafka-data"),
                // One broker: its internal topics (consumer offsets, transactions) have one replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""));
        Path log = work.resolve("kafka-broker.log");
        int formatted = java(lib, log, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()).waitFor();
        if (formatted != 0) {
            throw new IllegalStateException("Kafka's StorageTool could not format the broker's log directory (exit "
                    + formatted + "); see " + log);
        }
        Process broker = java(lib, log, "kafka.Kafka", config.toString());
        KafkaBrokerProcess started = new KafkaBrokerProcess(broker, "127.0.0.1:" + port, log);
        try {
            started.awaitReady();
            return started;
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void createTopic(String topic, int partitions) throws InterruptedException {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("topic " + topic + " not created: " + e + "; see " + log, e);
        }
    }

    /** Waits until the broker's port takes connections (a client would log each refusal), then for it to answer. */
    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with status " + process.exitValue()
                        + "; see " + log);
            }
            if (!listening()) {
                Thread.sleep(200);
                continue;
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                Thread.sleep(200); // listening, not serving yet
            }
        }
        throw new IllegalStateException("the Kafka broker did not answer within " + READY_WITHIN.toSeconds()
                + " s; see " + log);
    }

    private boolean listening() {
        int colon = bootstrapServers.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(bootstrapServers.substring(0, colon),
                    Integer.parseInt(bootstrapServers.substring(colon + 1))), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms", 2_000,
                "default.api.timeout.ms", 2_000));
    }

    /** A JVM on the broker's jars, with the quick-start options of the demo's nodes, appending to {@code log}. */
    private static Process java(Path lib, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(NodeLauncher.QUICK_START_JVM);
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                lib.toAbsolutePath() + "/*", mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** The root of the source tree this class was built in, if it runs from there. */
    private static Optional<Path> codeTree() {
        try {
            Path code = Path.of(KafkaBrokerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // node-image/target/si-ha-node.jar or node-image/target/classes: three levels below the root.
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            return Optional.ofNullable(root == null ? null : root.getParent());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static boolean hasBroker(Path directory) {
        try (var files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().matches("kafka_2\\.13-.*\\.jar"));
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM (Kafka's controlled shutdown), SIGKILL if it has not exited within 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                NodeLauncher.kill(process);
            }
        } catch (InterruptedException e) {
            NodeLauncher.kill(process);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Kafka broker " + bootstrapServers + " (log " + log + ")";
    }
}
