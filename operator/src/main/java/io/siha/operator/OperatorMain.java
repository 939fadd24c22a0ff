package io.siha.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
        KubernetesClient client = new KubernetesClientBuilder().build();
        AtomicBoolean stopping = new AtomicBoolean();
        RunningOperator operator = RunningOperator.create(client, config, stopping::get);
        // Our own hook rather than JOSDK's, which it refuses to install with leader election: stopping releases
        // the leader Lease, so the other replica takes over at once instead of after the Lease runs out.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            operator.close();
            client.close();
        }, "si-ha-operator-shutdown"));
        LOG.info("si-ha operator starting: namespaces {}, leader election {}, health port {}",
                config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces(), config.leaderElection(),
                operator.healthPort());
        operator.start();
    }
}
