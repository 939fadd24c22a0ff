package io.siha.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterStatus;

/**
 * Writes the status through {@code /status} with a JSON Patch (JSON merge patch would append to the conditions list on
 * the mock server), and only when it changed. The written resource goes into JOSDK's cache before the next reconcile
 * starts, so the next failover check compares with this status and never counts one failover twice.
 */
final class StatusWriter {

    private StatusWriter() {
    }

    static void write(SiHaCluster cluster, Context<SiHaCluster> context, SiHaClusterStatus status) {
        var serialization = context.getClient().getKubernetesSerialization();
        if (cluster.getStatus() != null
                && serialization.asJson(cluster.getStatus()).equals(serialization.asJson(status))) {
            return;
        }
        PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(cluster, context, fresh -> {
            fresh.setStatus(status);
            return fresh;
        });
    }
}
