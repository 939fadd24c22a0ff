package io.siha.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.siha.api.SiHaDefaults;
import io.siha.kubectl.KubectlSiha;
import io.siha.kubectl.status.StatusView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kubectl siha} against a running pair on the mock cluster, with a kubeconfig as a user has one: status,
 * logs, a switchover to a pod that is not in the pair (refused), a switchover to the passive (succeeds, the other pod
 * becomes active), a NAME that does not exist, and a passive whose node was just killed (shown unreachable). One
 * pair serves every check, in this order, to keep the test short.
 * The first {@code status} runs as the built file {@code kubectl-plugin/target/kubectl-siha} (sh stub, then the shaded
 * jar with its trimmed class path, in a JVM of its own), as a user runs it; it loads the client classes every command
 * uses (get, list, the raw proxy call). The other commands run through the plugin's main entry in this JVM, which
 * saves a JVM start (1.2 to 2.5 s here) each: CI time is the constraint.
 *
 * <p>How faithful: the mock has neither the pod proxy nor pod logs; {@link PodSubresources} plays both. The proxy
 * forwards to the real node process's REST port at the IP the kubelet of these tests reported, so the status shown
 * is what the node really answers. The log is the node container's real log file, served whole; {@code -f} gets the
 * lines so far and then the end of the stream, where a real API server keeps it open.
 */
class KubectlSihaOnKubernetesTest extends OnMockCluster {

    private static final Path PLUGIN_FILE = Path.of("..", "kubectl-plugin", "target", "kubectl-siha");
    /** What each command printed, for the README's examples. */
    private static final Path OUTPUTS = Path.of("target", "kube-e2e", "kubectl-siha");

    private final AtomicInteger runs = new AtomicInteger();
    private TestScope scope;
    private Path kubeconfig;

    /** What one run of the plugin printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void writeKubeconfig() throws IOException {
        scope = new TestScope(kube);
        Files.createDirectories(OUTPUTS);
        try (var previous = Files.list(OUTPUTS)) {
            for (Path file : previous.toList()) {
                Files.delete(file);
            }
        }
        kubeconfig = kube.workDirectory().resolve("kubeconfig");
        kube.writeKubeconfig(kubeconfig);
    }

    @AfterAll
    void deleteClusters() throws Exception {
        scope.end();
    }

    @Test
    void statusLogsAndSwitchoverOfARunningPair() throws Exception {
        String name = scope.apply("kplug", SiHaDefaults.HEARTBEAT_INTERVAL_MS);
        RunningPair pair = RunningPair.await(kube, name);
        scope.traffic(name).send(30); // three batches: acknowledgement waits for the active to report
        Files.writeString(OUTPUTS.resolve("v1-status-active.json"),
                nodeStatus(pair.active()).toPrettyString());
        Files.writeString(OUTPUTS.resolve("v1-status-passive.json"),
                nodeStatus(pair.passive()).toPrettyString());

        // The built file in its own JVM, meanwhile the logs in this one: CI time is the constraint.
        CompletableFuture<Run> statusOfFile = CompletableFuture.supplyAsync(() -> runFile("status", name));
        Run logs = run("logs", name);
        assertThat(logs.exitCode()).as("logs exit; stderr: %s", logs.err()).isZero();
        assertThat(logs.out()).isNotBlank();
        assertThat(kube.kubelet().containerLog(pair.active()).orElseThrow()).as("the active's log")
                .startsWith(logs.out());
        assertThat(kube.kubelet().containerLog(pair.passive()).orElseThrow()).as("not the passive's log")
                .doesNotStartWith(logs.out());
        Run follow = run("logs", name, "-f");
        assertThat(follow.exitCode()).as("logs -f exit; stderr: %s", follow.err()).isZero();
        assertThat(follow.out()).startsWith(logs.out());

        Run status = statusOfFile.get(60, TimeUnit.SECONDS);
        assertThat(status.exitCode()).as("status exit; stderr: %s", status.err()).isZero();
        assertPodRow(status.out(), pair.active(), "active", nodeStatus(pair.active()));
        assertPodRow(status.out(), pair.passive(), "passive", nodeStatus(pair.passive()));
        List<String> passiveRow = row(status.out(), pair.passive());
        assertThat(passiveRow.get(4)).as("IN SYNC of the passive in:%n%s", status.out()).isEqualTo("yes");
        assertThat(passiveRow.get(5)).as("QUEUE of the passive").matches("\\d+/" + SiHaDefaults.SYNC_QUEUE_CAPACITY);
        assertThat(row(status.out(), pair.active()).get(7)).as("ACK WAIT P99 of the active")
                .isEqualTo(StatusView.micros(nodeStatus(pair.active()).path("ackWait").path("p99Micros").asLong()));
        assertThat(status.out()).contains("Running, active " + pair.active() + ", passive " + pair.passive()
                + ", epoch " + pair.epoch());

        Run refused = run("switchover", name, "--to", name + "-7");
        assertThat(refused.exitCode()).as("a refused switchover fails; out: %s", refused.out()).isEqualTo(1);
        assertThat(refused.out()).contains("Refused (UnknownPod)");
        assertThat(RunningPair.of(kube, name)).as("a refused switchover changes nothing").contains(pair);

        Run switchover = run("switchover", name);
        assertThat(switchover.exitCode()).as("switchover exit; out: %s, err: %s", switchover.out(), switchover.err())
                .isZero();
        assertThat(switchover.out()).contains("Switchover of " + name + " to " + pair.passive() + " requested")
                .contains("Succeeded");
        RunningPair after = RunningPair.await(kube, name);
        assertThat(after.active()).as("the passive took over").isEqualTo(pair.passive());
        assertThat(after.epoch()).isGreaterThan(pair.epoch());
        Run statusAfter = run("status", name);
        assertPodRow(statusAfter.out(), after.active(), "active", nodeStatus(after.active()));
        assertPodRow(statusAfter.out(), after.passive(), "passive", nodeStatus(after.passive()));
        assertThat(statusAfter.out()).contains("Last switchover: to " + pair.passive());

        Run missing = run("status", "nosuch");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: SiHaCluster nosuch not found in namespace " + kube.namespace()
                + "\n");

        // Last, as it breaks the pair: the passive's node killed, its REST port closed until the kubelet's restart
        // has started a new JVM (seconds); the status meanwhile shows it unreachable, with the proxy's answer.
        kube.kubelet().killContainer(after.passive());
        await("status showing " + after.passive() + " unreachable").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> run("status", name).out(), out -> out.contains(after.passive()
                        + ": unreachable, the pod proxy answered 503: error trying to reach service"));
    }

    /** The pod's row shows the role and the epoch its node reports. */
    private static void assertPodRow(String statusOut, String pod, String role, JsonNode node) {
        assertThat(node.path("role").asText()).as("the node's own role").isEqualTo(role);
        List<String> columns = row(statusOut, pod);
        assertThat(columns).as("row of %s in:%n%s", pod, statusOut).hasSizeGreaterThan(3);
        assertThat(columns.subList(0, 3)).as("row of %s in:%n%s", pod, statusOut)
                .containsExactly(pod, role, String.valueOf(node.path("epoch").asLong()));
    }

    private static List<String> row(String statusOut, String pod) {
        return statusOut.lines().filter(l -> l.startsWith(pod + " ")).findFirst()
                .map(l -> Arrays.asList(l.trim().split("\\s+"))).orElse(List.of());
    }

    private JsonNode nodeStatus(String podName) {
        Pod pod = kube.pod(podName).orElseThrow();
        return NodeStatusReader.read(pod).orElseThrow(() -> new AssertionError(podName + " has no /v1/status"));
    }

    private List<String> withKubeconfig(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--kubeconfig");
        all.add(kubeconfig.toString());
        return all;
    }

    /** The plugin's main entry in this JVM. */
    private Run run(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new KubectlSiha(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(withKubeconfig(args).toArray(String[]::new));
        return recorded(args, new Run(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)));
    }

    /** The built file, as a user runs it: sh, then java from JAVA_HOME. */
    private Run runFile(String... args) {
        try {
            return runFileOrThrow(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Run runFileOrThrow(String... args) throws IOException, InterruptedException {
        Path file = PLUGIN_FILE.toAbsolutePath().normalize();
        assertThat(file).as("the plugin's file; build it with 'mvn -pl kubectl-plugin package'").isExecutable();
        List<String> command = new ArrayList<>(List.of(file.toString()));
        command.addAll(withKubeconfig(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path err = Files.createTempFile(kube.workDirectory(), "kubectl-siha", ".err");
        Process process = builder.redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl-siha exited").isTrue();
        return recorded(args, new Run(process.exitValue(), out, Files.readString(err)));
    }

    private Run recorded(String[] args, Run run) throws IOException {
        String title = "$ kubectl siha " + String.join(" ", args) + "\n";
        Files.writeString(OUTPUTS.resolve(String.format("%02d-%s.txt", runs.incrementAndGet(), String.join("-", args))),
                title + run.out() + run.err() + "(exit " + run.exitCode() + ")\n");
        return run;
    }
}
