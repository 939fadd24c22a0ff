package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.siha.api.NodeEnv;
import io.siha.node.demo.NodeLauncher;
import io.siha.node.testing.NodeClassArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the kubelet "pulls" for the node container: the jar the node image ships ({@code si-ha-node.jar}, built by
 * the node-image module), run as the image's entry point runs it. Not this test's class path: the node needs its own
 * dependency versions (Siddhi's ANTLR 4.7 runtime), and the test class path may hold others (CEL needs ANTLR 4.13).
 */
final class NodeImage {

    /** Overrides where the jar is; by default the node-image module's build output next to this module. */
    static final String JAR_PROPERTY = "siha.e2e.nodeJar";
    private static final Logger LOG = LoggerFactory.getLogger(NodeImage.class);

    private final Path jar;

    private NodeImage(Path jar) {
        this.jar = jar;
    }

    static NodeImage locate() {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "../node-image/target/si-ha-node.jar"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the node image's jar " + jar + " is missing: build it with"
                    + " 'mvn -pl node-image package' (or set -D" + JAR_PROPERTY + "=...)");
        }
        warnIfOlderThanNodeClasses(jar);
        return new NodeImage(jar);
    }

    // The e2e class path holds the node's classes too; if they are newer than the jar, the jar is a stale build.
    private static void warnIfOlderThanNodeClasses(Path jar) {
        try {
            Path classes = Path.of(NodeLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.getLastModifiedTime(classes).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                LOG.warn("{} is older than {}: the pods run a stale node build", jar, classes);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.debug("could not compare the node jar's age", e);
        }
    }

    /**
     * The image's entry point ({@code java ... -jar si-ha-node.jar}) with the container's args or the image's default
     * command {@code run}. The heap is fixed small, as the node tests run it on this 2-core machine, where the image
     * sizes it from the container's memory limit; the temporary directory is the pod's /tmp volume. The JVM maps a
     * class archive of the jar, made once for the test run against the database the pod's {@code env} names, so that
     * a container starts about a second sooner ({@link NodeClassArchive}).
     */
    List<String> command(Container container, PodVolumes volumes, Map<String, String> env) {
        NodeClassArchive archive = NodeClassArchive.ofJar(jar, env.get(NodeEnv.CLUSTER_DB_URL),
                env.get(NodeEnv.DB_USER), env.get(NodeEnv.DB_PASSWORD));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(archive.jvmOptions(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError")));
        command.addAll(List.of("-Djava.io.tmpdir=" + volumes.hostPath("/tmp"), "-jar", jar.toString()));
        command.addAll(container.getArgs() == null || container.getArgs().isEmpty() ? List.of("run")
                : container.getArgs());
        return command;
    }
}
