package io.siha.kubectl;

import io.siha.kubectl.cli.Command;
import io.siha.kubectl.cli.HelpText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The main entry's exit codes and messages, for what needs no cluster. */
class KubectlSihaTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new KubectlSiha(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void aBadCommandLineExitsWithTwoAndSaysWhy() {
        assertThat(run("stats", "orders")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("kubectl siha: unknown command \"stats\"; the"
                + " commands are status, switchover, logs, help and version\nRun 'kubectl siha help' for usage.\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void missingNameAndUnknownFlagExitWithTwo() {
        assertThat(run("logs")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("kubectl siha: logs needs the SiHaCluster's NAME");
        err.reset();
        assertThat(run("status", "orders", "--all")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("kubectl siha: unknown flag --all\n");
    }

    @Test
    void helpAndVersionExitWithZero() {
        assertThat(run("help", "switchover")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(HelpText.of(Optional.of(Command.SWITCHOVER)));
        out.reset();
        assertThat(run("version")).isZero();
        // Filtered from the pom at build time: the project's version, never the placeholder.
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("kubectl-siha \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }

    @Test
    void aMissingKubeconfigOrContextExitsWithOne(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nothing");
        assertThat(run("status", "orders", "--kubeconfig", missing.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("error: kubeconfig " + missing + " does not exist or is not a file\n");
        err.reset();
        Path kubeconfig = Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: https://127.0.0.1:1
                users:
                - name: u
                  user:
                    token: t
                contexts:
                - name: eks-eu
                  context:
                    cluster: c
                    user: u
                current-context: eks-eu
                """);
        assertThat(run("status", "orders", "--kubeconfig", kubeconfig.toString(), "--context", "eks-us"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("error: context \"eks-us\" is not in the kubeconfig\n");
        err.reset();
        // Port 1 on the loopback: nothing listens, the API server cannot be reached; a message, not a stack trace.
        assertThat(run("status", "orders", "--kubeconfig", kubeconfig.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: the API server could not be reached: ")
                .doesNotContain("\tat ");
    }
}
