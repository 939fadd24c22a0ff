package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The parts of {@code spec.pod} that go into the pod as the user wrote them, with the operator's defaults filled in
 * where the user left a gap: an init container without a securityContext gets the node's locked-down one (a namespace
 * enforcing the restricted Pod Security Standard would refuse the pod otherwise), and a topology spread constraint
 * without a labelSelector counts the pair's own pods (without one it would count none, and constrain nothing). Each
 * is empty or null when unset, so that the pod spec of a pair not using them stays what it was.
 */
final class UserPodParts {

    private UserPodParts() {
    }

    static List<Container> initContainers(NodePodSpec pod) {
        return list(pod, NodePodSpec::getInitContainers).stream()
                .map(container -> container.getSecurityContext() != null ? container
                        : new ContainerBuilder(container).withSecurityContext(NodePodModel.restrictedContainer())
                        .build())
                .toList();
    }

    static List<TopologySpreadConstraint> topologySpreadConstraints(SiHaCluster cluster, NodePodSpec pod) {
        return list(pod, NodePodSpec::getTopologySpreadConstraints).stream()
                .map(constraint -> constraint.getLabelSelector() != null ? constraint
                        : new TopologySpreadConstraintBuilder(constraint).withLabelSelector(new LabelSelectorBuilder()
                        .withMatchLabels(OwnedMetadata.selectorLabels(cluster)).build()).build())
                .toList();
    }

    static List<Volume> volumes(NodePodSpec pod) {
        return list(pod, NodePodSpec::getVolumes);
    }

    static List<VolumeMount> volumeMounts(NodePodSpec pod) {
        return list(pod, NodePodSpec::getVolumeMounts);
    }

    static List<LocalObjectReference> imagePullSecrets(NodePodSpec pod) {
        return list(pod, NodePodSpec::getImagePullSecrets);
    }

    /** The user's labels, then the operator's over them: the Service, the PDB and the informers select on those. */
    static Map<String, String> labels(SiHaCluster cluster, NodePodSpec pod) {
        Map<String, String> labels = new LinkedHashMap<>(map(pod, NodePodSpec::getLabels));
        labels.putAll(OwnedMetadata.labels(cluster));
        return labels;
    }

    /** The user's annotations, then the operator's over them. */
    static Map<String, String> annotations(NodePodSpec pod, Map<String, String> operators) {
        Map<String, String> annotations = new LinkedHashMap<>(map(pod, NodePodSpec::getAnnotations));
        annotations.putAll(operators);
        return annotations;
    }

    /**
     * What of the pod template is not in the pod spec but is read when a pod is created, so a change must roll the
     * pair: the pods' labels and annotations, and the ServiceAccount's (an IRSA role is injected into new pods only).
     * Empty when unset, so a pair not using them keeps its template hash.
     */
    static SortedMap<String, String> hashedMetadata(NodePodSpec pod) {
        SortedMap<String, String> hashed = new TreeMap<>();
        map(pod, NodePodSpec::getLabels).forEach((key, value) -> hashed.put("label/" + key, value));
        map(pod, NodePodSpec::getAnnotations).forEach((key, value) -> hashed.put("annotation/" + key, value));
        serviceAccountAnnotations(pod).forEach((key, value) -> hashed.put("serviceAccount/" + key, value));
        return hashed;
    }

    static Map<String, String> serviceAccountAnnotations(NodePodSpec pod) {
        return pod == null || pod.getServiceAccount() == null || pod.getServiceAccount().getAnnotations() == null
                ? Map.of() : pod.getServiceAccount().getAnnotations();
    }

    private static <T> List<T> list(NodePodSpec pod, Function<NodePodSpec, List<T>> field) {
        return pod == null || field.apply(pod) == null ? List.of() : field.apply(pod);
    }

    private static Map<String, String> map(NodePodSpec pod, Function<NodePodSpec, Map<String, String>> field) {
        return pod == null || field.apply(pod) == null ? Map.of() : field.apply(pod);
    }
}
