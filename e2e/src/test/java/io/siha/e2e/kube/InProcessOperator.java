package io.siha.e2e.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.siha.operator.OperatorConfig;
import io.siha.operator.SiHaOperator;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The real operator, configured by {@link SiHaOperator} as it ships, run in the test JVM against the mock server.
 * Without leader election (one replica) and without its health port (nothing probes it here).
 */
final class InProcessOperator implements AutoCloseable {

    // Shorter than the shipped two minutes so a node that ignores the step-down request fails a test in time;
    // the nodes here are expected to hand over within a few heartbeats.
    private static final Duration STEP_DOWN_TIMEOUT = Duration.ofSeconds(30);

    private final Operator operator;

    InProcessOperator(KubernetesClient client) {
        OperatorConfig config = new OperatorConfig(Set.of(), false, "unused", Optional.empty(), 0, STEP_DOWN_TIMEOUT);
        operator = SiHaOperator.create(client, config, Metrics.NOOP);
        operator.start();
    }

    @Override
    public void close() {
        operator.stop();
    }
}
