package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.siha.api.NodeEndpoints;
import io.siha.api.NodeEnv;
import io.siha.api.SiHaDefaults;
import io.siha.api.v1alpha1.IngestTokenSecretRef;
import io.siha.api.v1alpha1.IncompatibleStatePolicy;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.StandbyMode;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class NodePodModelTest {

    private final SiHaCluster cluster = TestClusters.persisted("orders");

    @Test
    void setsEveryVariableTheNodeReads() {
        Map<String, EnvVar> env = container(NodePodModel.build(cluster, 1, "h")).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e));

        assertThat(env.get(NodeEnv.CLUSTER_GROUP).getValue()).isEqualTo("orders");
        assertThat(env.get(NodeEnv.NODE_ID).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get(NodeEnv.POD_NAME).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get(NodeEnv.POD_NAMESPACE).getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env.get(NodeEnv.ADVERTISED_HOST).getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("status.podIP");
        for (String fromSecret : List.of(NodeEnv.CLUSTER_DB_URL, NodeEnv.PERSISTENCE_DB_URL, NodeEnv.DB_USER,
                NodeEnv.DB_PASSWORD, NodeEnv.SYNC_SECRET)) {
            assertThat(env.get(fromSecret).getValueFrom().getSecretKeyRef().getName()).as(fromSecret)
                    .isEqualTo("orders-db");
        }
        assertThat(env.get(NodeEnv.DB_PASSWORD).getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo(DbSecretModel.PASSWORD_KEY);
        assertThat(env.get(NodeEnv.HEARTBEAT_INTERVAL_MS).getValue()).isEqualTo("1000");
        assertThat(env.get(NodeEnv.HEARTBEAT_MAX_RETRIES).getValue()).isEqualTo("2");
        assertThat(env.get(NodeEnv.PERSISTENCE_INTERVAL_MS).getValue()).isEqualTo("10000");
        assertThat(env.get(NodeEnv.PERSISTENCE_REVISIONS_TO_KEEP).getValue()).isEqualTo("3");
        assertThat(env).doesNotContainKey(NodeEnv.ON_INCOMPATIBLE_STATE); // the node's default: fail
        assertThat(env).doesNotContainKey(NodeEnv.STANDBY_MODE); // the node's default: cold
        assertThat(env.get(NodeEnv.SYNC_PORT).getValue()).isEqualTo("9893");
        assertThat(env.get(NodeEnv.SYNC_ACK_AFTER_PASSIVE).getValue()).isEqualTo("true");
        assertThat(env.get(NodeEnv.SYNC_QUEUE_CAPACITY).getValue()).isEqualTo("1000000");
        assertThat(env.get(NodeEnv.HTTP_INGEST_PORT).getValue()).isEqualTo("8006");
        assertThat(env.get(NodeEnv.BINARY_INGEST_PORT).getValue()).isEqualTo("9611");
        assertThat(env.get(NodeEnv.REST_PORT).getValue()).isEqualTo(String.valueOf(SiHaDefaults.REST_PORT));
        assertThat(env.get(NodeEnv.APPS_DIR).getValue()).isEqualTo(NodePodModel.APPS_DIR);
    }

    @Test
    void startFreshReachesTheNodeAndRollsThePair() {
        var failSpec = NodePodModel.podSpec(cluster, SourcePorts.none());
        cluster.getSpec().getPersistence().setOnIncompatibleState(IncompatibleStatePolicy.START_FRESH);

        assertThat(container(NodePodModel.build(cluster, 0, "h")).getEnv())
                .filteredOn(env -> env.getName().equals(NodeEnv.ON_INCOMPATIBLE_STATE)).singleElement()
                .satisfies(env -> assertThat(env.getValue()).isEqualTo("start-fresh"));
        // The pod spec is what the template hash is taken of.
        assertThat(NodePodModel.podSpec(cluster, SourcePorts.none())).isNotEqualTo(failSpec);
    }

    @Test
    void aHotStandbyReachesTheNodeAndRollsThePair() {
        var coldSpec = NodePodModel.podSpec(cluster, SourcePorts.none());
        cluster.getSpec().setStandby(StandbyMode.HOT);

        assertThat(container(NodePodModel.build(cluster, 0, "h")).getEnv())
                .filteredOn(env -> env.getName().equals(NodeEnv.STANDBY_MODE)).singleElement()
                .satisfies(env -> assertThat(env.getValue()).isEqualTo("hot"));
        assertThat(NodePodModel.podSpec(cluster, SourcePorts.none())).isNotEqualTo(coldSpec);
    }

    @Test
    void probesTheNodeEndpointsAndMountsTheApps() {
        Pod pod = NodePodModel.build(cluster, 0, "h");
        Container node = container(pod);
        assertThat(pod.getMetadata().getName()).isEqualTo("orders-0");
        assertThat(node.getReadinessProbe().getHttpGet().getPath()).isEqualTo(NodeEndpoints.READY);
        assertThat(node.getLivenessProbe().getHttpGet().getPath()).isEqualTo(NodeEndpoints.HEALTH);
        assertThat(node.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("rest");
        // The node writes no termination-log file: its log's tail, saying why it stopped, becomes the message.
        assertThat(node.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(node.getPorts()).extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactly("sync=9893", "http-ingest=8006", "binary-ingest=9611", "rest=9090");
        assertThat(node.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(NodePodModel.APPS_DIR);
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(pod.getSpec().getVolumes()).anySatisfy(v ->
                assertThat(v.getConfigMap().getName()).isEqualTo("orders-apps"));
    }

    @Test
    void theAppsSourcePortsFollowTheNodesOwnPortsAndChangeTheTemplateHash() {
        SourcePorts sources = new SourcePorts(new TreeSet<>(List.of(8280, 443)));
        assertThat(container(NodePodModel.build(cluster, sources, 0, "h")).getPorts())
                .extracting(p -> p.getName() + "=" + p.getContainerPort() + "/" + p.getProtocol())
                .containsExactly("sync=9893/TCP", "http-ingest=8006/TCP", "binary-ingest=9611/TCP", "rest=9090/TCP",
                        "source-443=443/TCP", "source-8280=8280/TCP");

        var secret = DbSecretModel.build(cluster, "cA==", "cw==", Optional.empty());
        var apps = AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A")));
        assertThat(PodTemplateHash.of(NodePodModel.podSpec(cluster, sources), secret, apps))
                .isNotEqualTo(PodTemplateHash.of(NodePodModel.podSpec(cluster, SourcePorts.none()), secret, apps))
                .isNotEqualTo(PodTemplateHash.of(NodePodModel.podSpec(cluster,
                        new SourcePorts(new TreeSet<>(List.of(8281, 443)))), secret, apps));
    }

    @Test
    void aSourcePortsNameIsAValidPortNameForEveryPort() {
        // IANA_SVC_NAME, as the API server checks container and Service port names.
        for (int port : List.of(1, 80, 9763, 65535)) {
            assertThat(SourcePorts.name(port)).hasSizeLessThanOrEqualTo(15)
                    .matches("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$").containsPattern("[a-z]").doesNotContain("--");
        }
    }

    @Test
    void runsNonRootOnAReadOnlyRootFileSystem() {
        Pod pod = NodePodModel.build(cluster, 0, "h");
        Container node = container(pod);
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(node.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(node.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(node.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(node.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void spreadsThePodsOverHostsAndZonesByDefault() {
        var terms = NodePodModel.build(cluster, 0, "h").getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution();
        assertThat(terms).extracting(t -> t.getPodAffinityTerm().getTopologyKey() + "@" + t.getWeight())
                .containsExactly("kubernetes.io/hostname@100", "topology.kubernetes.io/zone@50");
        assertThat(terms.get(0).getPodAffinityTerm().getLabelSelector().getMatchLabels())
                .containsEntry("siha.io/cluster", "orders");
    }

    @Test
    void takesResourcesAndSchedulingFromTheSpec() {
        NodePodSpec podSpec = new NodePodSpec();
        podSpec.setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi")).build());
        podSpec.setNodeSelector(Map.of("pool", "stream"));
        podSpec.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()));
        podSpec.setAffinity(new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build());
        cluster.getSpec().setPod(podSpec);

        Pod pod = NodePodModel.build(cluster, 0, "h");
        assertThat(container(pod).getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
        assertThat(pod.getSpec().getNodeSelector()).isEqualTo(Map.of("pool", "stream"));
        assertThat(pod.getSpec().getTolerations()).singleElement()
                .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(pod.getSpec().getAffinity().getPodAntiAffinity()).isNull();
        assertThat(pod.getSpec().getAffinity().getNodeAffinity()).isNotNull();
    }

    @Test
    void theIngestTokenComesFromTheDbSecretOnlyWhenTheSpecAsksForIt() {
        assertThat(container(NodePodModel.build(cluster, 0, "h")).getEnv())
                .noneMatch(e -> e.getName().equals(NodeEnv.INGEST_TOKEN));

        cluster.getSpec().getIngest().setAuthTokenSecretRef(new IngestTokenSecretRef("orders-ingest", "token"));
        assertThat(container(NodePodModel.build(cluster, 0, "h")).getEnv())
                .filteredOn(e -> e.getName().equals(NodeEnv.INGEST_TOKEN)).singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("orders-db");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(DbSecretModel.INGEST_TOKEN_KEY);
                });
    }

    @Test
    void theTemplateHashFollowsSpecSecretAndAppsButNotMapOrder() {
        var secret = DbSecretModel.build(cluster, "cA==", "cw==", Optional.empty());
        var apps = AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A")));
        String base = PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps);
        assertThat(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps)).isEqualTo(base);

        assertThat(PodTemplateHash.of(NodePodModel.podSpec(cluster),
                DbSecretModel.build(cluster, "cTI=", "cw==", Optional.empty()), apps)).isNotEqualTo(base);
        // A rotated ingest token is a change of the Secret's data too: the pods must restart to read it.
        assertThat(PodTemplateHash.of(NodePodModel.podSpec(cluster),
                DbSecretModel.build(cluster, "cA==", "cw==", Optional.of("dDE=")), apps))
                .isNotEqualTo(PodTemplateHash.of(NodePodModel.podSpec(cluster),
                        DbSecretModel.build(cluster, "cA==", "cw==", Optional.of("dDI=")), apps));
        assertThat(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret,
                AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A2"))))).isNotEqualTo(base);
        cluster.getSpec().setImage("other:1");
        assertThat(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps)).isNotEqualTo(base);

        NodePodSpec one = new NodePodSpec();
        one.setNodeSelector(new java.util.LinkedHashMap<>(Map.of("a", "1")));
        one.getNodeSelector().put("b", "2");
        NodePodSpec other = new NodePodSpec();
        other.setNodeSelector(new java.util.LinkedHashMap<>(Map.of("b", "2")));
        other.getNodeSelector().put("a", "1");
        cluster.getSpec().setPod(one);
        String first = PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps);
        cluster.getSpec().setPod(other);
        assertThat(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps)).isEqualTo(first);
    }

    private static Container container(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }
}
