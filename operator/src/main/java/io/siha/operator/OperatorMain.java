package io.siha.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/** Starts the si-ha operator: reads its configuration, starts the health server, then the JOSDK Operator. */
public final class OperatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {
    }

    public static void main(String[] args) throws Exception {
        OperatorConfig config;
        try {
            config = OperatorConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("si-ha-operator: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        KubernetesClient client = new KubernetesClientBuilder().build();
        // Per-resource metrics would grow with the number of SiHaClusters; the totals are what alerts need.
        AtomicBoolean stopping = new AtomicBoolean();
        Operator operator = SiHaOperator.create(client, config,
                MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build(),
                stopping::get);
        HealthServer health = new HealthServer(config.healthPort(), operator.getRuntimeInfo(), registry);
        // Our own hook rather than JOSDK's, which it refuses to install with leader election: stopping releases
        // the leader Lease, so the other replica takes over at once instead of after the Lease runs out.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            operator.stop();
            health.close();
            client.close();
        }, "si-ha-operator-shutdown"));
        LOG.info("si-ha operator starting: namespaces {}, leader election {}, health port {}",
                config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces(), config.leaderElection(),
                health.port());
        operator.start();
    }
}
