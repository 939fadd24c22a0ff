package io.siha.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.siha.operator.reconcile.SiHaClusterReconciler;

import java.time.Clock;

/**
 * Builds the JOSDK Operator with the SiHaCluster reconciler registered. The one place the Operator is configured:
 * {@link OperatorMain} and the tests both use it, so the tests run the configuration that ships.
 */
public final class SiHaOperator {

    private SiHaOperator() {
    }

    public static Operator create(KubernetesClient client, OperatorConfig config, Metrics metrics) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    // Plain JSON Patch and update everywhere: the write path tested against the mock server (which has
                    // no server-side apply) is the one that runs on real clusters.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withMetrics(metrics);
            if (config.leaderElection()) {
                var leader = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName());
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
}
