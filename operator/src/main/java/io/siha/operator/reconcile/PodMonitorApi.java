package io.siha.operator.reconcile;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether the API server serves PodMonitors, asked of API discovery ({@code GET /apis/monitoring.coreos.com/v1}):
 * every authenticated client may read it, so the operator needs no permission on CRDs, and it also answers for an
 * aggregated API that serves the kind without a CRD. Asked in each reconcile of a pair that wants a PodMonitor, so
 * CRDs installed after the pair are found by the next (at most 5 minutes later).
 */
final class PodMonitorApi {

    static final String GROUP_VERSION = "monitoring.coreos.com/v1";
    static final String PLURAL = "podmonitors";

    private PodMonitorApi() {
    }

    static boolean served(KubernetesClient client) {
        APIResourceList resources = client.getApiResources(GROUP_VERSION);
        return resources != null && resources.getResources() != null
                && resources.getResources().stream().anyMatch(r -> PLURAL.equals(r.getName()));
    }
}
