package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.List;
import java.util.Map;

/**
 * The pod template of the two node pods: resources, scheduling, and what a platform adds to a pod (env, volumes, pull
 * secrets, labels, an IRSA role, init containers). Each Kubernetes-typed field has the type and meaning of the Pod or
 * Container field of its name. The operator's own settings win where the node depends on them: it refuses (in the
 * InvalidSpec condition) what would break the node rather than silently dropping it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodePodSpec {

    @JsonPropertyDescription("CPU and memory requests and limits of the node container. The JVM's maximum heap is a"
            + " share of the memory limit (75 %, -XX:MaxRAMPercentage=75; see jvmOptions).")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Labels a node must have for the pods to be scheduled on it.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Taints the pods tolerate.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Scheduling affinity of the pods. Unset: the operator keeps the two pods on different"
            + " nodes and, where possible, zones, so one node or zone failure cannot take both.")
    private Affinity affinity;

    @JsonPropertyDescription("How the two pods spread over topology domains, e.g. whenUnsatisfiable: DoNotSchedule"
            + " over topology.kubernetes.io/zone to require two zones. A constraint without labelSelector counts the"
            + " pair's own pods (siha.io/cluster=NAME). Applies together with affinity or its default.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @Pattern(SchemaConstraints.DNS_SUBDOMAIN)
    @JsonPropertyDescription("PriorityClass of the pods, e.g. one that keeps the pair from being preempted by batch"
            + " work.")
    private String priorityClassName;

    @JsonPropertyDescription("Extra environment variables of the node container, e.g. AWS_REGION or JAVA_TOOL_OPTIONS"
            + " for an agent; value, or valueFrom a Secret, ConfigMap or field. Names starting SIHA_ are refused: they"
            + " are the node's configuration, which the operator sets from the spec. JDK_JAVA_OPTIONS is refused too:"
            + " use jvmOptions. A changed value rolls the pair.")
    private List<EnvVar> env;

    @JsonPropertyDescription("ConfigMaps and Secrets whose keys become environment variables of the node container."
            + " A prefix starting SIHA_ is refused; a key named like one of the operator's variables is overridden by"
            + " the operator's value. A change of their content takes effect at the next restart of a pod, it does not"
            + " roll the pair.")
    private List<EnvFromSource> envFrom;

    @JsonPropertyDescription("Options of the node's JVM, one per item, e.g. [\"-XX:MaxRAMPercentage=60\","
            + " \"-XX:+UseZGC\", \"-Dnetworkaddress.cache.ttl=30\"]. They come after the default -XX:MaxRAMPercentage=75"
            + " (the maximum heap as a share of the container's memory limit), so a -XX:MaxRAMPercentage or -Xmx of"
            + " yours replaces it; -XX:+ExitOnOutOfMemoryError always stays on. Passed as JDK_JAVA_OPTIONS: each item"
            + " starts with '-' and has no white space; -jar, --module and @argfiles are refused.")
    private List<String> jvmOptions;

    @JsonPropertyDescription("Extra volumes of the pods, e.g. a ConfigMap holding the RDS CA bundle for"
            + " sslmode=verify-full. The names apps, tmp, tls-sync, tls-ingest and extensions are the operator's.")
    private List<Volume> volumes;

    @JsonPropertyDescription("Where the node container mounts volumes of the volumes list, e.g. /etc/siha/rds. A"
            + " mount at or inside the operator's mount paths (/etc/siha/apps, /tmp, /etc/siha/tls/sync,"
            + " /etc/siha/tls/ingest, /opt/siha/extensions), or at or above the node's own files in the image"
            + " (/opt/si-ha, /opt/java), is refused.")
    private List<VolumeMount> volumeMounts;

    @JsonPropertyDescription("Secrets of type kubernetes.io/dockerconfigjson the kubelet pulls the node image, the"
            + " extensions image and the init containers' images with.")
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("The ServiceAccount NAME-node the pods run as, which the operator owns.")
    private NodeServiceAccountSpec serviceAccount;

    @JsonPropertyDescription("Labels of the pods, e.g. for a cost report or a NetworkPolicy of yours. Keys starting"
            + " siha.io/ and the operator's app.kubernetes.io/name, instance and managed-by are refused: the Service,"
            + " the PodDisruptionBudget and the nodes themselves route on them. A change rolls the pair.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations of the pods, e.g. for a service mesh or a log collector. Keys starting"
            + " siha.io/ are refused: the operator and the nodes keep their state there. A change rolls the pair.")
    private Map<String, String> annotations;

    @Size(max = 10)
    @JsonPropertyDescription("Containers that run to completion before the node starts, after the operator's own"
            + " extensions init container, e.g. to fetch a certificate into an emptyDir of volumes. They may mount"
            + " the volumes of the volumes list. The names node and extensions are the operator's. One without a"
            + " securityContext gets the node's (non-root, read-only root file system, no capabilities).")
    private List<Container> initContainers;

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    /** Null when unset: the operator then applies its default anti-affinity. */
    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }

    public List<EnvFromSource> getEnvFrom() {
        return envFrom;
    }

    public void setEnvFrom(List<EnvFromSource> envFrom) {
        this.envFrom = envFrom;
    }

    public List<String> getJvmOptions() {
        return jvmOptions;
    }

    public void setJvmOptions(List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
    }

    public List<Volume> getVolumes() {
        return volumes;
    }

    public void setVolumes(List<Volume> volumes) {
        this.volumes = volumes;
    }

    public List<VolumeMount> getVolumeMounts() {
        return volumeMounts;
    }

    public void setVolumeMounts(List<VolumeMount> volumeMounts) {
        this.volumeMounts = volumeMounts;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    /** Null when unset: the ServiceAccount carries no annotations. */
    public NodeServiceAccountSpec getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(NodeServiceAccountSpec serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public List<Container> getInitContainers() {
        return initContainers;
    }

    public void setInitContainers(List<Container> initContainers) {
        this.initContainers = initContainers;
    }
}
