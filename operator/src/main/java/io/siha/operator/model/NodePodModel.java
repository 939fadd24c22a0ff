package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;
import io.siha.api.NodeContainer;
import io.siha.api.NodeEndpoints;
import io.siha.api.NodeEnv;
import io.siha.api.SiHaDefaults;
import io.siha.api.v1alpha1.IncompatibleStatePolicy;
import io.siha.api.v1alpha1.LoggingSpec;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.api.v1alpha1.StandbyMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pods NAME-0 and NAME-1: the node image with its environment (spec values, the log level and format when the spec
 * sets them, the database Secret, the downward API),
 * its own ports and those of the apps' HTTP sources, the apps and any TLS Secrets mounted read-only, the user's
 * extension jars when the spec names an image of them, probes on the node's REST port, a locked-down security
 * context, and what the user's pod template ({@code spec.pod}) adds: env, JVM options, volumes, pull secrets, labels,
 * annotations, priority, topology spread and init containers, each after or under the operator's own.
 *
 * <p>Pods rather than a StatefulSet: a StatefulSet rolls pods in ordinal order, but the pair must roll the passive
 * first and the active only after a planned handover, and which pod is active changes at runtime.
 */
public final class NodePodModel {

    public static final String CONTAINER_NAME = NodeContainer.NAME;
    public static final String APPS_DIR = "/etc/siha/apps";
    static final String APPS_VOLUME = "apps";
    // The root file system is read-only; the JVM and the Siddhi runtime still need a scratch directory.
    static final String TMP_DIR = "/tmp";
    static final String TMP_VOLUME = "tmp";

    public static final String SYNC_PORT_NAME = "sync";
    public static final String HTTP_INGEST_PORT_NAME = "http-ingest";
    public static final String BINARY_INGEST_PORT_NAME = "binary-ingest";
    public static final String REST_PORT_NAME = NodeContainer.REST_PORT_NAME;

    /** The uid/gid the node runs as; the node image's user must match (any non-root uid works if it does). */
    public static final long NODE_UID = 10001L;

    /**
     * The node writes nothing to /dev/termination-log; with this policy the kubelet puts the tail of the container's
     * log into its termination message when it exits with an error, and the node's last line says why it stopped (an
     * app it cannot start, a bad variable, a missing extension). The operator reports it in the NodesRunning
     * condition, where {@code kubectl describe siha} shows it.
     */
    static final String TERMINATION_MESSAGE_POLICY = "FallbackToLogsOnError";

    // Long enough for a planned handover on SIGTERM: persist state, hand the sequence to the passive, release the lease.
    static final long TERMINATION_GRACE_SECONDS = 30L;

    private NodePodModel() {
    }

    /** The pod of node {@code index} (0 or 1) of a pair whose apps have no HTTP source. */
    public static Pod build(SiHaCluster cluster, int index, String templateHash) {
        return build(cluster, SourcePorts.none(), index, templateHash);
    }

    /** The pod of node {@code index} (0 or 1), tagged with the hash of what it was built from. */
    public static Pod build(SiHaCluster cluster, SourcePorts sourcePorts, int index, String templateHash) {
        var metadata = OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).pod(index));
        NodePodSpec pod = cluster.getSpec().getPod();
        metadata.setLabels(UserPodParts.labels(cluster, pod));
        metadata.setAnnotations(UserPodParts.annotations(pod,
                Map.of(OperatorPodAnnotations.TEMPLATE_HASH, templateHash)));
        return new PodBuilder().withMetadata(metadata).withSpec(podSpec(cluster, sourcePorts)).build();
    }

    /** The pod spec of a pair whose apps have no HTTP source. */
    public static PodSpec podSpec(SiHaCluster cluster) {
        return podSpec(cluster, SourcePorts.none());
    }

    /** The spec both pods share: nothing in it depends on the index, the pod learns its name from the downward API. */
    public static PodSpec podSpec(SiHaCluster cluster, SourcePorts sourcePorts) {
        SiHaClusterSpec spec = cluster.getSpec();
        NodePodSpec pod = spec.getPod() != null ? spec.getPod() : new NodePodSpec();
        ClusterNames names = ClusterNames.of(cluster);
        return new PodSpecBuilder()
                .withServiceAccountName(names.nodeAccount())
                // The node patches its own pod through the API, so it needs its token.
                .withAutomountServiceAccountToken(true)
                // Service environment variables could collide with SIHA_* names of a Service called "siha"; unused.
                .withEnableServiceLinks(false)
                .withRestartPolicy("Always")
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(NODE_UID)
                    .withRunAsGroup(NODE_UID)
                    .withFsGroup(NODE_UID)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withImagePullSecrets(UserPodParts.imagePullSecrets(pod))
                .withPriorityClassName(pod.getPriorityClassName())
                .withInitContainers(ExtensionsVolume.initContainers(spec, pod.getResources()))
                .addAllToInitContainers(UserPodParts.initContainers(pod))
                .addNewContainer()
                    .withName(CONTAINER_NAME)
                    .withImage(spec.getImage())
                    .withImagePullPolicy("IfNotPresent")
                    .withTerminationMessagePolicy(TERMINATION_MESSAGE_POLICY)
                    .withPorts(ports(spec, sourcePorts))
                    .withEnv(PodTemplateEnv.env(env(cluster), pod))
                    .withEnvFrom(PodTemplateEnv.envFrom(pod))
                    .withResources(pod.getResources())
                    .withReadinessProbe(readinessProbe())
                    .withStartupProbe(startupProbe())
                    .withLivenessProbe(livenessProbe())
                    .addNewVolumeMount().withName(APPS_VOLUME).withMountPath(APPS_DIR).withReadOnly(true)
                    .endVolumeMount()
                    .addNewVolumeMount().withName(TMP_VOLUME).withMountPath(TMP_DIR).endVolumeMount()
                    .addAllToVolumeMounts(TlsVolumes.mounts(spec))
                    .addAllToVolumeMounts(ExtensionsVolume.mounts(spec))
                    .addAllToVolumeMounts(UserPodParts.volumeMounts(pod))
                    .withSecurityContext(restrictedContainer())
                .endContainer()
                .addNewVolume().withName(APPS_VOLUME)
                    .withNewConfigMap().withName(names.appsConfigMap()).endConfigMap()
                .endVolume()
                .addNewVolume().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().endVolume()
                .addAllToVolumes(TlsVolumes.volumes(spec))
                .addAllToVolumes(ExtensionsVolume.volumes(spec))
                .addAllToVolumes(UserPodParts.volumes(pod))
                .withNodeSelector(pod.getNodeSelector())
                .withTolerations(pod.getTolerations())
                .withAffinity(pod.getAffinity() != null ? pod.getAffinity() : defaultAntiAffinity(cluster))
                .withTopologySpreadConstraints(UserPodParts.topologySpreadConstraints(cluster, pod))
                .build();
    }

    /** Every container of the pair, the extensions' init container too: non-root, nothing to escalate to. */
    static SecurityContext restrictedContainer() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }

    // The node's own ports first, in the order they always had: a pair without sources keeps its template hash.
    private static List<ContainerPort> ports(SiHaClusterSpec spec, SourcePorts sourcePorts) {
        List<ContainerPort> ports = new ArrayList<>();
        NodePort.of(spec).forEach(own -> ports.add(port(own.name(), own.number())));
        sourcePorts.numbers().forEach(source -> ports.add(port(SourcePorts.name(source), source)));
        return ports;
    }

    private static ContainerPort port(String name, int port) {
        return new ContainerPortBuilder().withName(name).withContainerPort(port).withProtocol("TCP").build();
    }

    static List<EnvVar> env(SiHaCluster cluster) {
        SiHaClusterSpec spec = cluster.getSpec();
        String secret = ClusterNames.of(cluster).dbSecret();
        List<EnvVar> env = new ArrayList<>();
        env.add(value(NodeEnv.CLUSTER_GROUP, cluster.getMetadata().getName()));
        env.add(field(NodeEnv.POD_NAME, "metadata.name"));
        env.add(field(NodeEnv.POD_NAMESPACE, "metadata.namespace"));
        env.add(field(NodeEnv.NODE_ID, "metadata.name"));
        env.add(field(NodeEnv.ADVERTISED_HOST, "status.podIP"));
        env.add(secretKey(NodeEnv.CLUSTER_DB_URL, secret, DbSecretModel.CLUSTER_DB_URL_KEY));
        env.add(secretKey(NodeEnv.PERSISTENCE_DB_URL, secret, DbSecretModel.PERSISTENCE_DB_URL_KEY));
        env.add(secretKey(NodeEnv.DB_USER, secret, DbSecretModel.USER_KEY));
        env.add(secretKey(NodeEnv.DB_PASSWORD, secret, DbSecretModel.PASSWORD_KEY));
        env.add(secretKey(NodeEnv.SYNC_SECRET, secret, DbSecretModel.SYNC_SECRET_KEY));
        env.add(value(NodeEnv.HEARTBEAT_INTERVAL_MS, spec.getHeartbeat().getIntervalMs()));
        env.add(value(NodeEnv.HEARTBEAT_MAX_RETRIES, spec.getHeartbeat().getMaxRetries()));
        env.add(value(NodeEnv.PERSISTENCE_INTERVAL_MS, spec.getPersistence().getIntervalMs()));
        env.add(value(NodeEnv.PERSISTENCE_REVISIONS_TO_KEEP, spec.getPersistence().getRevisionsToKeep()));
        // Each only when not the node's default: pods of earlier operators keep their spec and template hash.
        if (spec.getPersistence().getOnIncompatibleState() != IncompatibleStatePolicy.FAIL) {
            env.add(value(NodeEnv.ON_INCOMPATIBLE_STATE, spec.getPersistence().getOnIncompatibleState().nodeValue()));
        }
        if (spec.getStandby() == StandbyMode.HOT) {
            env.add(value(NodeEnv.STANDBY_MODE, spec.getStandby().nodeValue()));
        }
        env.add(value(NodeEnv.SYNC_PORT, spec.getSync().getPort()));
        env.add(value(NodeEnv.SYNC_ACK_AFTER_PASSIVE, spec.getSync().isAckAfterPassive()));
        env.add(value(NodeEnv.SYNC_QUEUE_CAPACITY, spec.getSync().getQueueCapacity()));
        env.add(value(NodeEnv.HTTP_INGEST_PORT, spec.getIngest().getHttpPort()));
        env.add(value(NodeEnv.BINARY_INGEST_PORT, spec.getIngest().getBinaryPort()));
        env.add(value(NodeEnv.REST_PORT, SiHaDefaults.REST_PORT));
        env.add(value(NodeEnv.APPS_DIR, APPS_DIR));
        if (spec.getIngest().getAuthTokenSecretRef() != null) {
            env.add(secretKey(NodeEnv.INGEST_TOKEN, secret, DbSecretModel.INGEST_TOKEN_KEY));
        }
        env.addAll(TlsVolumes.env(spec));
        env.addAll(ExtensionsVolume.env(spec));
        env.addAll(loggingEnv(spec.getLogging()));
        return env;
    }

    /**
     * Only what the spec sets, last: the node's and the image's defaults apply otherwise, and a pair that sets neither
     * keeps the pod (and template hash) of earlier operators. Part of the pod spec, so a change rolls the pair; the
     * node reads both once, at start.
     */
    private static List<EnvVar> loggingEnv(LoggingSpec logging) {
        List<EnvVar> env = new ArrayList<>();
        if (logging != null && logging.getLevel() != null) {
            env.add(value(NodeEnv.LOG_LEVEL, logging.getLevel()));
        }
        if (logging != null && logging.getFormat() != null) {
            env.add(value(NodeEnv.LOG_FORMAT, logging.getFormat()));
        }
        return env;
    }

    private static EnvVar value(String name, Object value) {
        return new EnvVarBuilder().withName(name).withValue(String.valueOf(value)).build();
    }

    private static EnvVar field(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath).endFieldRef().endValueFrom().build();
    }

    private static EnvVar secretKey(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef()
                .endValueFrom().build();
    }

    // Readiness is "active with ports open": probed every second so the Service follows a failover within a second.
    private static Probe readinessProbe() {
        return httpProbe(NodeEndpoints.READY).withPeriodSeconds(1).withFailureThreshold(1).withSuccessThreshold(1)
                .withTimeoutSeconds(1).build();
    }

    // Gives the JVM and the Siddhi runtime up to two minutes to start before liveness may restart the container.
    private static Probe startupProbe() {
        return httpProbe(NodeEndpoints.HEALTH).withPeriodSeconds(2).withFailureThreshold(60).withTimeoutSeconds(1)
                .build();
    }

    private static Probe livenessProbe() {
        return httpProbe(NodeEndpoints.HEALTH).withPeriodSeconds(10).withFailureThreshold(3).withTimeoutSeconds(2)
                .build();
    }

    private static ProbeBuilder httpProbe(String path) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(REST_PORT_NAME))
                .endHttpGet();
    }

    /**
     * Preferred, not required: a single-node cluster (a laptop, a test) must still run both pods. Host first (weight
     * 100), zone second (50), so one node or zone failure cannot take out both nodes where the cluster allows it.
     */
    static Affinity defaultAntiAffinity(SiHaCluster cluster) {
        return new AffinityBuilder().withNewPodAntiAffinity()
                .withPreferredDuringSchedulingIgnoredDuringExecution(
                        spreadOver("kubernetes.io/hostname", 100, cluster),
                        spreadOver("topology.kubernetes.io/zone", 50, cluster))
                .endPodAntiAffinity().build();
    }

    private static WeightedPodAffinityTerm spreadOver(String topologyKey, int weight, SiHaCluster cluster) {
        return new WeightedPodAffinityTermBuilder().withWeight(weight)
                .withNewPodAffinityTerm()
                    .withTopologyKey(topologyKey)
                    .withNewLabelSelector().withMatchLabels(OwnedMetadata.selectorLabels(cluster)).endLabelSelector()
                .endPodAffinityTerm().build();
    }
}
