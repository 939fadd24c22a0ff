package io.siha.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The operator as a process runs it: the JOSDK Operator with JOSDK's reconcile metrics and the JVM's in one Prometheus
 * registry, and the health server ({@code /healthz}, {@code /readyz}, {@code /metrics}) over them. {@link OperatorMain}
 * runs it with the pod's client; the end-to-end tests run the same against the mock API server and scrape it.
 */
public final class RunningOperator implements AutoCloseable {

    private final Operator operator;
    private final HealthServer health;

    private RunningOperator(Operator operator, HealthServer health) {
        this.operator = operator;
        this.health = health;
    }

    /**
     * Builds it; {@link #start()} starts reconciling.
     *
     * @param stopping whether the process is shutting down (see {@link SiHaOperator#create})
     */
    public static RunningOperator create(KubernetesClient client, OperatorConfig config, BooleanSupplier stopping)
            throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // Per-resource metrics would grow with the number of SiHaClusters; the totals are what alerts need.
        Operator operator = SiHaOperator.create(client, config,
                MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build(),
                stopping);
        return new RunningOperator(operator, new HealthServer(config.healthPort(), operator.getRuntimeInfo(), registry));
    }

    public void start() {
        operator.start();
    }

    /** The port of the health server: the configured one, or the one it was given for port 0. */
    public int healthPort() {
        return health.port();
    }

    @Override
    public void close() {
        operator.stop();
        health.close();
    }
}
