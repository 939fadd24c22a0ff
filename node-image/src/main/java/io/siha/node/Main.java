package io.siha.node;

import io.siha.api.NodeEnv;
import io.siha.node.bench.Bench;
import io.siha.node.config.InvalidConfigException;
import io.siha.node.crash.FatalErrors;
import io.siha.node.demo.Demo;
import io.siha.node.demo.DemoOptions;
import io.siha.node.demo.KafkaDemo;
import io.siha.node.engine.InvalidAppException;
import io.siha.node.extensions.jars.InvalidExtensionJarException;
import io.siha.node.logging.NodeLogging;
import io.siha.node.config.NodeConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Properties;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/** Entry point of {@code si-ha-node.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        NodeLogging.configure(); // before any class with a logger is touched
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "run" -> run();
            case "demo" -> demo(Arrays.copyOfRange(args, 1, args.length));
            case "bench" -> bench(Arrays.copyOfRange(args, 1, args.length));
            case "version", "--version" -> System.out.println("si-ha-node " + version());
            case "help", "--help", "-h" -> usage(System.out);
            default -> {
                System.err.println("unknown command: " + command);
                usage(System.err);
                System.exit(2);
            }
        }
    }

    private static void run() {
        FatalErrors.installDefaultHandler();
        if (!exitsOnOutOfMemory()) {
            System.err.println("WARNING: started without -XX:+ExitOnOutOfMemoryError: an OutOfMemoryError inside a library"
                    + " thread could leave this node holding its lease without serving. Start it as"
                    + " java -XX:+ExitOnOutOfMemoryError -jar si-ha-node.jar run");
        }
        NodeConfig config;
        try {
            config = NodeConfig.fromEnvironment();
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        NodeProcess node;
        try {
            node = NodeProcess.start(config);
        } catch (InvalidAppException e) {
            System.err.println("invalid Siddhi app: " + e.getMessage());
            System.exit(1);
            return;
        } catch (InvalidExtensionJarException e) {
            System.err.println("invalid extension: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // A port that cannot be bound, mostly: say which, and exit so the kubelet restarts the container.
            System.err.println("node cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "siha-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this JVM stops on an OutOfMemoryError (either flag does). */
    private static boolean exitsOnOutOfMemory() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.equals("-XX:+ExitOnOutOfMemoryError") || arg.equals("-XX:+CrashOnOutOfMemoryError"));
    }

    private static void demo(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = options.kafka() ? new KafkaDemo(options, System.out).run() : new Demo(options, System.out).run();
        } catch (Exception e) {
            System.err.println("demo failed: " + e);
            exit = 1;
        }
        System.exit(exit);
    }

    private static void bench(String[] args) {
        int exit;
        try {
            exit = Bench.run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            exit = 2;
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            exit = 1;
        }
        System.exit(exit);
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/si-ha-node.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    private static void usage(PrintStream out) {
        out.println("si-ha-node " + version() + ": one node of a Siddhi active/passive HA pair");
        out.println();
        out.println("usage: java -jar si-ha-node.jar <command>");
        out.println("  run       join the pair's election and serve as active or passive (configured by environment)");
        out.println("  demo      run a pair locally on an embedded PostgreSQL, kill the active, count what was lost");
        out.println("            options: --events N (default 3000), --kill-at K (default N/2), --batch B (default 10)");
        out.println("            --kafka: orders from a Kafka topic, alerts to one, on a broker the demo starts from the");
        out.println("            build's kafka-broker/target/lib (--kafka-lib DIR elsewhere)");
        out.println("  bench     measure failover, throughput, replication latency and queue memory on this machine");
        out.println("            options: --quick (under two minutes), --out DIR (charts; default bench-results)");
        out.println("            --kafka: Kafka in, relay, Kafka out through a pair, idempotent vs transactional sink,");
        out.println("            on a broker started from the build's kafka-broker/target/lib (--kafka-lib DIR elsewhere)");
        out.println("  version   print the version");
        out.println("  help      print this text");
        out.println();
        out.println("environment of 'run' (required unless a default is shown):");
        out.println("  " + NodeEnv.CLUSTER_GROUP + "            the pair's name, the same on both nodes");
        out.println("  " + NodeEnv.NODE_ID + "                 this node's id (default: " + NodeEnv.POD_NAME + ")");
        out.println("  " + NodeEnv.CLUSTER_DB_URL + "           jdbc:postgresql://host:port/db of the cluster database");
        out.println("  " + NodeEnv.DB_USER + ", " + NodeEnv.DB_PASSWORD + "   database credentials");
        out.println("  " + NodeEnv.ADVERTISED_HOST + "          host or IP the peer reaches this node on");
        out.println("  " + NodeEnv.SYNC_SECRET + "             shared secret of the pair's event sync (16+ chars)");
        out.println("  " + NodeEnv.APPS_DIR + "                directory of *.siddhi apps (default /etc/siha/apps)");
        out.println("  " + NodeEnv.PERSISTENCE_DB_URL + "       persistence database (default: the cluster database)");
        out.println("  " + NodeEnv.PERSISTENCE_INTERVAL_MS + ", " + NodeEnv.PERSISTENCE_REVISIONS_TO_KEEP
                + "   snapshot interval (default 10000) and revisions kept (default 3)");
        out.println("  " + NodeEnv.ON_INCOMPATIBLE_STATE + "  fail (default): refuse a snapshot the changed apps no"
                + " longer fit; start-fresh: start those apps empty");
        out.println("  " + NodeEnv.SYNC_ACK_AFTER_PASSIVE + ", " + NodeEnv.SYNC_QUEUE_CAPACITY
                + "   acknowledge after the passive has the event (default true); passive queue bound");
        out.println("  " + NodeEnv.HEARTBEAT_INTERVAL_MS + "     heartbeat in ms (default 1000, 100..60000)");
        out.println("  " + NodeEnv.HEARTBEAT_MAX_RETRIES + "     missed heartbeats tolerated (default 2, 1..10)");
        out.println("  " + NodeEnv.SYNC_TLS_DIR + "          directory with tls.crt, tls.key, ca.crt: mutual TLS on the"
                + " event sync (default: plain TCP)");
        out.println("  " + NodeEnv.INGEST_TLS_DIR + "        directory with tls.crt, tls.key: the ingest ports speak"
                + " TLS only (default: plain)");
        out.println("  " + NodeEnv.EXTENSIONS_DIR + "        directory of the users' Siddhi extension jars (*.jar)"
                + " (default: the node's own extensions only)");
        out.println("  " + NodeEnv.BIND_HOST + ", " + NodeEnv.SYNC_PORT + ", " + NodeEnv.HTTP_INGEST_PORT + ", "
                + NodeEnv.BINARY_INGEST_PORT + ", " + NodeEnv.REST_PORT);
        out.println("  " + NodeEnv.POD_NAME + ", " + NodeEnv.POD_NAMESPACE
                + "   the pod (downward API); when set the node labels its pod with its role");
    }
}
