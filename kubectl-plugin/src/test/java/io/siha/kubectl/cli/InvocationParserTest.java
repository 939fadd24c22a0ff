package io.siha.kubectl.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvocationParserTest {

    private static Invocation parse(String... args) throws UsageException {
        return InvocationParser.parse(List.of(args));
    }

    @Test
    void statusWithKubectlsGlobalFlagsBeforeOrAfterTheWords() throws UsageException {
        Invocation invocation = parse("-n", "prod", "status", "orders", "--context=eks-eu", "--kubeconfig", "/k/c");
        assertThat(invocation.command()).isEqualTo(Command.STATUS);
        assertThat(invocation.name()).contains("orders");
        assertThat(invocation.namespace()).contains("prod");
        assertThat(invocation.context()).contains("eks-eu");
        assertThat(invocation.kubeconfig()).contains(Path.of("/k/c"));
        assertThat(parse("status", "orders", "--namespace=prod").namespace()).contains("prod");
    }

    @Test
    void switchoverWaitsForTheOutcomeUnlessToldNot() throws UsageException {
        Invocation plain = parse("switchover", "orders");
        assertThat(plain.targetPod()).isEmpty();
        assertThat(plain.awaitOutcome()).isTrue();
        assertThat(plain.timeout()).isEqualTo(Invocation.DEFAULT_TIMEOUT);

        Invocation named = parse("switchover", "orders", "--to", "orders-0", "--no-wait", "--timeout", "90s");
        assertThat(named.targetPod()).contains("orders-0");
        assertThat(named.awaitOutcome()).isFalse();
        assertThat(named.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(parse("switchover", "orders", "--timeout=2m").timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void logsFollow() throws UsageException {
        assertThat(parse("logs", "orders").follow()).isFalse();
        assertThat(parse("logs", "orders", "-f").follow()).isTrue();
        assertThat(parse("logs", "--follow", "orders").follow()).isTrue();
    }

    @Test
    void helpAndVersion() throws UsageException {
        assertThat(parse("help").command()).isEqualTo(Command.HELP);
        assertThat(parse("help", "switchover").helpTopic()).contains(Command.SWITCHOVER);
        assertThat(parse("--help").helpTopic()).isEmpty();
        assertThat(parse("status", "--help").helpTopic()).contains(Command.STATUS);
        assertThat(parse("-h", "logs").helpTopic()).contains(Command.LOGS);
        assertThat(parse("version").command()).isEqualTo(Command.VERSION);
        assertThat(parse("--version").command()).isEqualTo(Command.VERSION);
        assertThat(parse("version").name()).isEqualTo(Optional.empty());
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertUsage(List.of(), "no command given");
        assertUsage(List.of("stats", "orders"),
                "unknown command \"stats\"; the commands are status, switchover, logs, help and version");
        assertUsage(List.of("status"), "status needs the SiHaCluster's NAME: kubectl siha status NAME");
        assertUsage(List.of("switchover", "-n", "prod"),
                "switchover needs the SiHaCluster's NAME: kubectl siha switchover NAME");
        assertUsage(List.of("status", "orders", "--watch"), "unknown flag --watch");
        assertUsage(List.of("status", "orders", "-o"), "unknown flag -o");
        assertUsage(List.of("status", "orders", "payments"), "status takes one NAME, got also payments");
        assertUsage(List.of("status", "orders", "-n"), "flag -n needs a value");
        assertUsage(List.of("status", "orders", "--namespace="), "flag --namespace needs a value, got an empty one");
        assertUsage(List.of("status", "orders", "--to", "orders-1"), "flag --to belongs to switchover, not to status");
        assertUsage(List.of("logs", "orders", "--no-wait"), "flag --no-wait belongs to switchover, not to logs");
        assertUsage(List.of("switchover", "orders", "-f"), "flag --follow belongs to logs, not to switchover");
        assertUsage(List.of("logs", "orders", "--follow=yes"), "flag --follow takes no value");
        assertUsage(List.of("switchover", "orders", "--timeout", "5"),
                "--timeout takes a positive duration such as 90s or 5m, got \"5\"");
        assertUsage(List.of("switchover", "orders", "--timeout", "0s"),
                "--timeout takes a positive duration such as 90s or 5m, got \"0s\"");
        assertUsage(List.of("version", "-n", "prod"),
                "version talks to no cluster; it takes none of --context, --kubeconfig, --namespace, -n");
        assertUsage(List.of("help", "status", "logs"), "help takes at most one command, got [status, logs]");
        assertUsage(List.of("help", "stats"),
                "unknown command \"stats\"; the commands are status, switchover, logs, help and version");
    }

    private static void assertUsage(List<String> args, String message) {
        assertThatThrownBy(() -> InvocationParser.parse(args)).as("%s", args)
                .isInstanceOf(UsageException.class).hasMessage(message);
    }
}
