package io.siha.kubectl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One command line of {@code kubectl siha}, understood: the command, the SiHaCluster it acts on, and the options.
 *
 * @param command     what to do
 * @param name        the SiHaCluster's name; empty for help and version
 * @param namespace   {@code -n/--namespace}; empty: the kubeconfig context's namespace
 * @param context     {@code --context}; empty: the kubeconfig's current context
 * @param kubeconfig  {@code --kubeconfig}; empty: {@code KUBECONFIG} or {@code ~/.kube/config}, as kubectl
 * @param targetPod   switchover {@code --to}; empty: the passive pod
 * @param awaitOutcome switchover: wait for the outcome ({@code --no-wait} turns it off)
 * @param timeout     switchover: how long to wait for the outcome ({@code --timeout})
 * @param follow      logs {@code -f/--follow}
 * @param helpTopic   help: the command asked about, if any
 */
public record Invocation(Command command, Optional<String> name, Optional<String> namespace, Optional<String> context,
                         Optional<Path> kubeconfig, Optional<String> targetPod, boolean awaitOutcome, Duration timeout,
                         boolean follow, Optional<Command> helpTopic) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** The name, for a command that has one. */
    public String clusterName() {
        return name.orElseThrow(() -> new IllegalStateException(command.word() + " takes no NAME"));
    }
}
