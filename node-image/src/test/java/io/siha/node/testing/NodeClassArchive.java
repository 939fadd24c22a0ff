package io.siha.node.testing;

import io.siha.node.demo.Demo;
import io.siha.node.demo.FailoverClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.NodeLauncher;
import io.siha.node.demo.PairEnvironment;
import io.siha.client.ClientEvent;
import io.siha.client.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The class path and class-data-sharing archive of the node JVMs the tests start, hundreds of them per run. A node
 * on the tests' class path (176 entries) loads its classes from jars before it serves; mapping them from a CDS archive
 * instead saves about a second a start (README, "Set up": the figures).
 *
 * <p>The JVM archives classes from jars only, never from a directory on the class path, so the build's class
 * directories are packed into jars first. An archive is made once per test JVM and class path, by a pair that
 * elects and syncs an event: the learner, the node that writes the archive as it stops cleanly
 * ({@code -XX:ArchiveClassesAtExit}), takes over if it was the passive, so that it holds the classes of both roles
 * (if it won the election, the passive's few session classes are not in it). If making it fails, nodes start without it,
 * slower. {@code -Dsiha.test.classArchive=false} turns it off.
 */
public final class NodeClassArchive {

    private static final Logger log = LoggerFactory.getLogger(NodeClassArchive.class);
    private static final Path DIRECTORY = Path.of("target", "node-classes");
    private static final Duration TRAINING_STEP = Duration.ofSeconds(60);

    private static NodeClassArchive ofThisBuild;
    private static NodeClassArchive ofJar;

    private final String classPath;
    private final List<String> options;

    private NodeClassArchive(String classPath, List<String> options) {
        this.classPath = classPath;
        this.options = options;
    }

    /** For nodes on this JVM's class path, made against the tests' shared database on first use. */
    public static synchronized NodeClassArchive ofThisBuild() {
        if (ofThisBuild == null) {
            String classPath = packDirectories(NodeLauncher.ownClassPath());
            TestDatabase db = TestDatabase.shared();
            ofThisBuild = new NodeClassArchive(classPath, train(classPath, db.jdbcUrl(), TestDatabase.USER,
                    TestDatabase.PASSWORD));
        }
        return ofThisBuild;
    }

    /**
     * For nodes run from {@code jar} (the node image's, as {@code java -jar}), made on first use against the database
     * at {@code jdbcUrl}.
     */
    public static synchronized NodeClassArchive ofJar(Path jar, String jdbcUrl, String user, String password) {
        if (ofJar == null || !ofJar.classPath.equals(jar.toString())) {
            ofJar = new NodeClassArchive(jar.toString(), train(jar.toString(), jdbcUrl, user, password));
        }
        return ofJar;
    }

    /** The class path the archive was made for; a JVM on another one cannot map it. */
    public String classPath() {
        return classPath;
    }

    /** {@code base} plus the options that map the archive; just {@code base} when there is none. */
    public List<String> jvmOptions(List<String> base) {
        List<String> all = new ArrayList<>(base);
        all.addAll(options);
        return all;
    }

    private static List<String> train(String classPath, String jdbcUrl, String user, String password) {
        if (!Boolean.parseBoolean(System.getProperty("siha.test.classArchive", "true"))) {
            return List.of();
        }
        long started = System.nanoTime();
        List<LocalNode> nodes = new ArrayList<>();
        try {
            Files.createDirectories(DIRECTORY);
            Path archive = Files.createTempFile(DIRECTORY.toAbsolutePath(), "node-", ".jsa");
            Files.delete(archive); // the JVM writes it
            Path apps = Files.createTempDirectory("siha-archive-apps");
            Files.writeString(apps.resolve("counter.siddhi"), Demo.SAMPLE_APP);
            String group = "class-archive-" + Long.toString(System.nanoTime(), 36);
            var env = PairEnvironment.of(group, jdbcUrl, user, password, apps).heartbeat(200, 2).toMap();
            LocalNode first = new LocalNode(group + "-0", env, DIRECTORY.resolve("training-0.log"))
                    .classPath(classPath);
            LocalNode learner = new LocalNode(group + "-1", env, DIRECTORY.resolve("training-1.log"))
                    .classPath(classPath)
                    .jvmOptions(Stream.concat(NodeLauncher.QUICK_START_JVM.stream(),
                            Stream.of("-XX:ArchiveClassesAtExit=" + archive)).toList());
            nodes.add(first);
            nodes.add(learner);
            first.start();
            learner.start();
            LocalNode active = LocalNode.awaitActiveWithPassive(nodes, TRAINING_STEP);
            try (FailoverClient client = new FailoverClient(nodes, Transport.BINARY, TRAINING_STEP)) {
                client.send(Demo.APP, Demo.STREAM, List.of(ClientEvent.of("archive-0", "eu", 1L)));
                if (active == first) {
                    first.stop(); // a planned handover: the learner takes over, so it runs the active's code too
                    LocalNode.awaitActive(List.of(learner), TRAINING_STEP);
                    client.send(Demo.APP, Demo.STREAM, List.of(ClientEvent.of("archive-1", "eu", 1L)));
                }
            }
            learner.stop();
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                log.warn("node JVMs start without a class archive: the training node wrote none (see {})",
                        DIRECTORY.resolve("training-1.log").toAbsolutePath());
                return List.of();
            }
            log.info("node class archive of {} MiB made in {} ms", Files.size(archive) >> 20,
                    (System.nanoTime() - started) / 1_000_000);
            // No "-Xlog:cds" lines in the nodes' output, which tests read: a JVM that cannot map the archive
            // runs without it, slower.
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        } catch (IOException | RuntimeException e) {
            log.warn("node JVMs start without a class archive: making it failed", e);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            nodes.forEach(LocalNode::kill);
        }
    }

    private static String packDirectories(String path) {
        try {
            Files.createDirectories(DIRECTORY);
            List<String> entries = new ArrayList<>();
            int packed = 0;
            for (String entry : path.split(File.pathSeparator)) {
                Path location = Path.of(entry);
                if (Files.isDirectory(location)) {
                    Path jar = DIRECTORY.resolve(packed++ + "-" + location.getFileName() + ".jar").toAbsolutePath();
                    pack(location, jar);
                    entries.add(jar.toString());
                } else {
                    entries.add(entry);
                }
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the class directories for the node JVMs", e);
        }
    }

    private static void pack(Path directory, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(directory)) {
            for (Path source : files.filter(p -> !p.equals(directory)).sorted().toList()) {
                String name = directory.relativize(source).toString().replace(File.separatorChar, '/');
                boolean isDirectory = Files.isDirectory(source);
                out.putNextEntry(new JarEntry(isDirectory ? name + "/" : name));
                if (!isDirectory) {
                    Files.copy(source, out);
                }
                out.closeEntry();
            }
        }
    }
}
