package io.siha.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterStatus;

/**
 * Writes the status through {@code /status} with a JSON Patch (JSON merge patch would append to the conditions list on
 * the mock server), and only when it changed. The written resource goes into JOSDK's cache before the next reconcile
 * starts, so the next failover check compares with this status and never counts one failover twice.
 *
 * <p>No optimistic lock: the leader operator is the status's only writer. JOSDK's {@code patchStatusAndCacheResource}
 * locks on the resource version and, on a conflict, waits up to 10 s for its cache to catch up before each of up to
 * 10 retries; a watch event that arrives late or never stalled a reconcile for that long.
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
        SiHaCluster written = context.getClient().resource(cluster).editStatus(fresh -> {
            fresh.setStatus(status);
            return fresh;
        });
        context.eventSourceRetriever().getControllerEventSource()
                .handleRecentResourceUpdate(ResourceID.fromResource(cluster), written, cluster);
    }
}
