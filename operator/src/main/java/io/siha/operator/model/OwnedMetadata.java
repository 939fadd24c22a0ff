package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata every owned object carries: the cluster label (the Service, the PDB, the anti-affinity and the
 * operator's informers select on it) and a controller owner reference, so deleting the SiHaCluster lets the garbage
 * collector delete everything it owns.
 */
public final class OwnedMetadata {

    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "si-ha-operator";

    private OwnedMetadata() {
    }

    /** The labels that select the pair's pods (Service, PDB, anti-affinity): the cluster label only. */
    public static Map<String, String> selectorLabels(SiHaCluster cluster) {
        return Map.of(SiHaLabels.CLUSTER, cluster.getMetadata().getName());
    }

    /** The keys of {@link #labels}: a user's pod labels may not take them. */
    static java.util.Set<String> labelKeys() {
        return java.util.Set.of(SiHaLabels.CLUSTER, NAME_LABEL, INSTANCE_LABEL, MANAGED_BY_LABEL);
    }

    public static Map<String, String> labels(SiHaCluster cluster) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SiHaLabels.CLUSTER, cluster.getMetadata().getName());
        labels.put(NAME_LABEL, "si-ha");
        labels.put(INSTANCE_LABEL, cluster.getMetadata().getName());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        return labels;
    }

    public static ObjectMeta forObject(SiHaCluster cluster, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(labels(cluster))
                .withOwnerReferences(ownerReference(cluster))
                .build();
    }

    public static OwnerReference ownerReference(SiHaCluster cluster) {
        return new OwnerReferenceBuilder()
                .withApiVersion(cluster.getApiVersion())
                .withKind(cluster.getKind())
                .withName(cluster.getMetadata().getName())
                .withUid(cluster.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** True when {@code object} carries the controller reference of {@code cluster} (matched by uid). */
    public static boolean isOwnedBy(io.fabric8.kubernetes.api.model.HasMetadata object, SiHaCluster cluster) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(ref -> cluster.getMetadata().getUid() != null
                        && cluster.getMetadata().getUid().equals(ref.getUid()));
    }
}
