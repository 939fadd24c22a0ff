package io.siha.kubectl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.siha.kubectl.cli.HelpText;
import io.siha.kubectl.cli.Invocation;
import io.siha.kubectl.cli.InvocationParser;
import io.siha.kubectl.cli.UsageException;
import io.siha.kubectl.kube.KubeConnection;
import io.siha.kubectl.kube.PairReader;
import io.siha.kubectl.logs.LogsCommand;
import io.siha.kubectl.status.StatusView;
import io.siha.kubectl.switchover.SwitchoverCommand;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;

/**
 * {@code kubectl siha}: kubectl runs {@code kubectl-siha} from PATH with the words after {@code siha}. Exit codes as
 * kubectl's: 0 done, 1 failed (or a switchover refused), 2 a command line it cannot understand.
 */
public final class KubectlSiha {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    public KubectlSiha(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new KubectlSiha(System.out, System.err).run(args));
    }

    public int run(String... args) {
        Invocation invocation;
        try {
            invocation = InvocationParser.parse(Arrays.asList(args));
        } catch (UsageException e) {
            err.println("kubectl siha: " + e.getMessage());
            err.println("Run 'kubectl siha help' for usage.");
            return USAGE;
        }
        try {
            return switch (invocation.command()) {
                case HELP -> {
                    out.print(HelpText.of(invocation.helpTopic()));
                    yield OK;
                }
                case VERSION -> {
                    out.println("kubectl-siha " + Version.current());
                    yield OK;
                }
                default -> onCluster(invocation);
            };
        } catch (CommandFailure e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (KubernetesClientException e) {
            err.println("error: " + describe(e));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return FAILED;
        }
    }

    private int onCluster(Invocation invocation) throws InterruptedException {
        try (KubeConnection kube = KubeConnection.open(invocation)) {
            return switch (invocation.command()) {
                case STATUS -> {
                    out.print(StatusView.render(new PairReader(kube).read(invocation.clusterName())));
                    yield OK;
                }
                case SWITCHOVER -> new SwitchoverCommand(kube, out, Clock.systemUTC()).run(invocation);
                case LOGS -> new LogsCommand(kube, out).run(invocation);
                case HELP, VERSION -> throw new IllegalStateException(invocation.command() + " needs no cluster");
            };
        }
    }

    /** Every cause's message, down to the root: "connection refused" is often only in the last. */
    static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private static String describe(KubernetesClientException e) {
        if (e.getCode() > 0) {
            boolean hasMessage = e.getStatus() != null && e.getStatus().getMessage() != null;
            return "the API server answered " + e.getCode() + (hasMessage ? ": " + e.getStatus().getMessage() : "");
        }
        return "the API server could not be reached: " + causes(e);
    }
}
