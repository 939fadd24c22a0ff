package io.siha.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.model.OwnedMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes one owned object match its desired state with plain create and update (PUT with the live resourceVersion, so a
 * concurrent change fails with 409 and the reconcile is retried rather than overwriting it). No server-side apply: the
 * same write path runs in the tests against the mock server and on a real cluster.
 */
final class OwnedResourceWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedResourceWriter.class);

    private final Context<SiHaCluster> context;
    private final SiHaCluster cluster;

    OwnedResourceWriter(Context<SiHaCluster> context, SiHaCluster cluster) {
        this.context = context;
        this.cluster = cluster;
    }

    <T extends HasMetadata> T ensure(Class<T> kind, T desired, OwnedContent<T> content) {
        ObjectMeta meta = desired.getMetadata();
        var live = WatchedResources.get(context, kind, meta.getNamespace(), meta.getName());
        if (live.isEmpty()) {
            T created = context.getClient().resource(desired).create();
            WatchedResources.cacheWritten(context, kind, created, null);
            LOG.info("Created {} {}/{}", desired.getKind(), meta.getNamespace(), meta.getName());
            return created;
        }
        T current = live.get();
        if (!OwnedMetadata.isOwnedBy(current, cluster)) {
            throw new NotOwnedException(current);
        }
        T merged = context.getClient().getKubernetesSerialization().clone(current);
        content.copy(desired, merged);
        mergeMetadata(desired.getMetadata(), merged.getMetadata());
        if (merged.equals(current)) {
            return current;
        }
        T updated = context.getClient().resource(merged).update();
        WatchedResources.cacheWritten(context, kind, updated, current);
        LOG.info("Updated {} {}/{}", desired.getKind(), meta.getNamespace(), meta.getName());
        return updated;
    }

    /**
     * As {@link #ensure} for an object the spec may not ask for: with nothing desired, the object named {@code name}
     * is deleted if it exists and is ours (one the spec asked for before), and left alone if it is someone else's.
     */
    <T extends HasMetadata> void ensureOrDelete(Class<T> kind, String name, Optional<T> desired,
                                                 OwnedContent<T> content) {
        if (desired.isPresent()) {
            ensure(kind, desired.get(), content);
            return;
        }
        // A watched kind: the informer's cache answers, so a pair that never asked costs no request.
        String namespace = cluster.getMetadata().getNamespace();
        WatchedResources.get(context, kind, namespace, name).ifPresent(this::deleteIfOwned);
    }

    /**
     * Deletes the object of {@code kind} named {@code name} if the cluster owns it. Read from the server, not from a
     * cache: the kind may have no informer (the PodMonitor's exists only once the operator wrote one since it started).
     */
    <T extends HasMetadata> void deleteIfOwned(Class<T> kind, String namespace, String name) {
        T live = context.getClient().resources(kind).inNamespace(namespace).withName(name).get();
        if (live != null) {
            deleteIfOwned(live);
        }
    }

    private void deleteIfOwned(HasMetadata live) {
        if (OwnedMetadata.isOwnedBy(live, cluster)) {
            context.getClient().resource(live).delete();
            LOG.info("Deleted {} {}/{}: the spec no longer asks for it", live.getKind(),
                    live.getMetadata().getNamespace(), live.getMetadata().getName());
        }
    }

    // Adds ours, keeps labels and annotations that others (users, other controllers) put on the object.
    private static void mergeMetadata(ObjectMeta desired, ObjectMeta live) {
        live.setLabels(merged(live.getLabels(), desired.getLabels()));
        if (desired.getAnnotations() != null) {
            live.setAnnotations(merged(live.getAnnotations(), desired.getAnnotations()));
        }
    }

    private static Map<String, String> merged(Map<String, String> live, Map<String, String> desired) {
        Map<String, String> result = new LinkedHashMap<>(live == null ? Map.of() : live);
        if (desired != null) {
            result.putAll(desired);
        }
        return result;
    }
}
