package io.siha.operator.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.model.OwnedMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records Kubernetes Events on a SiHaCluster ({@code kubectl describe siha NAME} shows them): failovers, repairs and
 * rollout steps. An Event that cannot be written is logged and dropped; it never fails a reconcile.
 */
final class EventRecorder {

    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void normal(SiHaCluster cluster, String reason, String message) {
        record(cluster, NORMAL, reason, message);
    }

    void warning(SiHaCluster cluster, String reason, String message) {
        record(cluster, WARNING, reason, message);
    }

    private void record(SiHaCluster cluster, String type, String reason, String message) {
        LOG.info("{} {}/{}: {} {}", type, cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(),
                reason, message);
        String now = clock.instant().toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                    // Same naming as kubectl's recorder: object name plus a unique suffix.
                    .withName(cluster.getMetadata().getName() + "."
                            + Long.toHexString(ThreadLocalRandom.current().nextLong()).toLowerCase(Locale.ROOT))
                    .withNamespace(cluster.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(cluster.getApiVersion())
                    .withKind(cluster.getKind())
                    .withName(cluster.getMetadata().getName())
                    .withNamespace(cluster.getMetadata().getNamespace())
                    .withUid(cluster.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(OwnedMetadata.MANAGED_BY).endSource()
                .withReportingComponent(OwnedMetadata.MANAGED_BY)
                .build();
        try {
            client.v1().events().inNamespace(cluster.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("Could not record event {} on {}: {}", reason, cluster.getMetadata().getName(), e.getMessage());
        }
    }
}
