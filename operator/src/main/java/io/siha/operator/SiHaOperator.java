package io.siha.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.siha.operator.reconcile.SiHaClusterReconciler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Builds the JOSDK Operator with the SiHaCluster reconciler registered. The one place the Operator is configured:
 * {@link OperatorMain} and the tests both use it, so the tests run the configuration that ships.
 */
public final class SiHaOperator {

    private static final Logger LOG = LoggerFactory.getLogger(SiHaOperator.class);

    private SiHaOperator() {
    }

    /** For tests: leadership is only ever given up by {@link Operator#stop()}, which must not exit the JVM. */
    public static Operator create(KubernetesClient client, OperatorConfig config, Metrics metrics) {
        return create(client, config, metrics, () -> true);
    }

    /**
     * @param stopping whether the process is shutting down. Leadership lost any other way (the Lease could not be
     *                 renewed) exits the JVM so Kubernetes restarts the pod and it rejoins the election; JOSDK's own
     *                 exit-on-stop-leading would also fire from {@link Operator#stop()} in a shutdown hook, where
     *                 {@code System.exit} blocks forever.
     */
    public static Operator create(KubernetesClient client, OperatorConfig config, Metrics metrics,
                                  BooleanSupplier stopping) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    // Plain JSON Patch and update everywhere: the write path tested against the mock server (which has
                    // no server-side apply) is the one that runs on real clusters.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withMetrics(metrics);
            if (config.leaderElection()) {
                var leader = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName())
                        .withExitOnStopLeading(false)
                        .withLeaderCallbacks(new LeaderCallbacks(() -> { }, () -> exitUnlessStopping(stopping),
                                newLeader -> { }));
                config.leaseNamespace().ifPresent(leader::withLeaseNamespace);
                o.withLeaderElectionConfiguration(leader.build());
            }
        });
        operator.register(new SiHaClusterReconciler(config.stepDownTimeout(), Clock.systemUTC()), overrider -> {
            if (config.watchNamespaces().isEmpty()) {
                overrider.watchingAllNamespaces();
            } else {
                overrider.settingNamespaces(config.watchNamespaces());
            }
        });
        return operator;
    }

    private static void exitUnlessStopping(BooleanSupplier stopping) {
        if (!stopping.getAsBoolean()) {
            LOG.error("lost the leader Lease; exiting so the pod restarts and rejoins the election");
            // Not on the elector's thread: System.exit waits for shutdown hooks, which stop the elector.
            new Thread(() -> System.exit(1), "si-ha-operator-exit").start();
        }
    }
}
