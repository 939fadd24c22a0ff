package io.siha.e2e.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.siha.operator.OperatorConfig;
import io.siha.operator.RunningOperator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The real operator, wired by {@link RunningOperator} as OperatorMain wires it (reconcile and JVM metrics, the health
 * server with /metrics on a free port), run in the test JVM against the mock server. Without leader election (one
 * replica).
 */
final class InProcessOperator implements AutoCloseable {

    // Shorter than the shipped two minutes so a node that ignores the step-down request fails a test in time;
    // the nodes here are expected to hand over within a few heartbeats.
    private static final Duration STEP_DOWN_TIMEOUT = Duration.ofSeconds(30);

    private final RunningOperator operator;

    InProcessOperator(KubernetesClient client) {
        OperatorConfig config = new OperatorConfig(Set.of(), false, "unused", Optional.empty(), 0, STEP_DOWN_TIMEOUT);
        try {
            operator = RunningOperator.create(client, config, () -> true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        operator.start();
    }

    /** {@code host:port} of its health server, which serves /metrics. */
    String healthAddress() {
        return "127.0.0.1:" + operator.healthPort();
    }

    @Override
    public void close() {
        operator.close();
    }
}
