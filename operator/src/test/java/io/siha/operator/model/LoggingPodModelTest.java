package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.siha.api.NodeEnv;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** spec.logging as the node container's SIHA_LOG_LEVEL and SIHA_LOG_FORMAT, and what a change of it does to the pods. */
class LoggingPodModelTest {

    private final SiHaCluster cluster = TestClusters.persisted("orders");

    @Test
    void unsetLeavesTheNodesDefaults() {
        assertThat(env(cluster)).doesNotContainKeys(NodeEnv.LOG_LEVEL, NodeEnv.LOG_FORMAT);
        cluster.getSpec().setLogging(ObservabilitySpecs.logging(null, null));
        assertThat(env(cluster)).doesNotContainKeys(NodeEnv.LOG_LEVEL, NodeEnv.LOG_FORMAT);
    }

    @Test
    void levelAndFormatBecomeTheNodesVariables() {
        cluster.getSpec().setLogging(ObservabilitySpecs.logging("debug", "text"));
        assertThat(env(cluster)).containsEntry(NodeEnv.LOG_LEVEL, "debug").containsEntry(NodeEnv.LOG_FORMAT, "text");
        cluster.getSpec().setLogging(ObservabilitySpecs.logging("warn", null));
        assertThat(env(cluster)).containsEntry(NodeEnv.LOG_LEVEL, "warn").doesNotContainKey(NodeEnv.LOG_FORMAT);
    }

    /** The node reads both once, at start: a change reaches it only through new pods, so it changes the hash. */
    @Test
    void aChangeOfLevelOrFormatRollsThePair() {
        Secret secret = DbSecretModel.build(cluster, "cA==", "cw==", Optional.empty());
        var apps = AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A")));
        Set<String> hashes = new HashSet<>();
        for (String[] logging : new String[][] {{null, null}, {"debug", null}, {"info", null}, {"info", "text"},
                {"info", "json"}}) {
            cluster.getSpec().setLogging(ObservabilitySpecs.logging(logging[0], logging[1]));
            hashes.add(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps));
        }
        assertThat(hashes).hasSize(5);
    }

    @Test
    void theUsersEnvStillMayNotSetThem() {
        NodePodSpec pod = new NodePodSpec();
        pod.setEnv(List.of(new EnvVarBuilder().withName(NodeEnv.LOG_LEVEL).withValue("debug").build()));
        cluster.getSpec().setPod(pod);
        SpecResolution resolution = SpecResolver.resolve(cluster.getSpec(),
                Optional.of(TestClusters.passwordSecret("pw")), Optional.empty(), Optional.empty());
        assertThat(resolution).isInstanceOfSatisfying(SpecResolution.Invalid.class, invalid ->
                assertThat(invalid.problems()).singleElement().asString()
                        .startsWith("spec.pod.env[0].name: SIHA_LOG_LEVEL: SIHA_ variables are the node's"));
    }

    /** "Unset: json", as spec.logging.format's description says: the node image's default. */
    @Test
    void theDefaultFormatIsTheNodeImagesOwn() throws IOException {
        assertThat(Files.readString(Path.of("../node-image/Dockerfile")))
                .contains("ENV " + NodeEnv.LOG_FORMAT + "=json").doesNotContain("ENV " + NodeEnv.LOG_LEVEL);
    }

    private static Map<String, String> env(SiHaCluster cluster) {
        Map<String, String> env = new TreeMap<>();
        for (EnvVar var : NodePodModel.podSpec(cluster).getContainers().get(0).getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }
}
