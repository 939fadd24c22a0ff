package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * ServiceAccount NAME-node: the identity the node pods use to label their own pod, with the annotations of
 * {@code spec.pod.serviceAccount} (e.g. an IRSA role). The operator owns those annotations and leaves others' alone, so
 * it records which keys it set ({@link #SPEC_ANNOTATIONS}): a key removed from the spec is removed from the
 * ServiceAccount by {@link #withoutFormerSpecAnnotations}, one someone else added stays.
 */
public final class NodeServiceAccountModel {

    /** Annotation listing, comma-separated, the annotation keys the operator set from the spec. */
    static final String SPEC_ANNOTATIONS = "siha.io/annotations-from-spec";

    private NodeServiceAccountModel() {
    }

    public static ServiceAccount build(SiHaCluster cluster) {
        ObjectMeta metadata = OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).nodeAccount());
        Map<String, String> fromSpec = UserPodParts.serviceAccountAnnotations(cluster.getSpec().getPod());
        if (!fromSpec.isEmpty()) {
            Map<String, String> annotations = new LinkedHashMap<>(fromSpec);
            annotations.put(SPEC_ANNOTATIONS, String.join(",", new TreeSet<>(fromSpec.keySet())));
            metadata.setAnnotations(annotations);
        }
        return new ServiceAccountBuilder().withMetadata(metadata).build();
    }

    /**
     * Removes from a live ServiceAccount the annotations an earlier spec set, before the current ones are put on it:
     * what the spec no longer names goes, what others added stays.
     */
    public static void withoutFormerSpecAnnotations(ServiceAccount live) {
        Map<String, String> annotations = live.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(SPEC_ANNOTATIONS)) {
            return;
        }
        Map<String, String> kept = new LinkedHashMap<>(annotations);
        Arrays.stream(annotations.get(SPEC_ANNOTATIONS).split(",")).forEach(kept::remove);
        kept.remove(SPEC_ANNOTATIONS);
        live.getMetadata().setAnnotations(kept);
    }
}
