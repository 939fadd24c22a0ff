package io.siha.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.siha.api.v1alpha1.ExtensionsSpec;
import io.siha.api.v1alpha1.ImagePullPolicy;
import io.siha.api.v1alpha1.IngestTokenSecretRef;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.TlsSecretRef;
import io.siha.api.v1alpha1.TlsSpec;
import io.siha.operator.TestClusters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator upgrade must not roll running pairs: for a pair that uses only what earlier operators offered, the pod
 * and its template hash are the ones the operator of commit 323ca7e wrote, byte for byte (kept in
 * {@code src/test/resources/earlier-pods/}). The one field added since is {@code terminationMessagePolicy}, which only
 * changes what the kubelet reports when a container fails; it is left out of the hash (see {@link PodTemplateHash})
 * and out of this comparison, so a pod of an earlier operator keeps running, just without the log tail in its status.
 *
 * <p>{@code -Dsiha.updateEarlierPods=true} rewrites the files; only ever do that on purpose, saying why in the commit.
 */
class PodsOfEarlierOperatorsTest {

    private static final Path DIRECTORY = Path.of("src/test/resources/earlier-pods");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "every-earlier-field"})
    void aPairUsingOnlyEarlierFieldsKeepsItsPodAndTemplateHash(String name) throws IOException {
        SiHaCluster cluster = name.equals("defaults") ? TestClusters.persistedByAnEarlierOperator("orders")
                : everyEarlierField();
        SourcePorts sources = name.equals("defaults") ? SourcePorts.none()
                : new SourcePorts(new TreeSet<>(List.of(8280)));
        var secret = DbSecretModel.build(cluster, "cA==", "cw==", Optional.ofNullable(
                cluster.getSpec().getIngest().getAuthTokenSecretRef() == null ? null : "dG9rZW4="));
        var apps = AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A")));
        Map<String, String> tlsFiles = cluster.getSpec().getTls() == null ? Map.of()
                : Map.of("sync/tls.crt", "Yw==", "ingest/tls.crt", "ZA==");
        String hash = PodTemplateHash.of(NodePodModel.podSpec(cluster, sources), secret, apps, tlsFiles);
        Pod pod = NodePodModel.build(cluster, sources, 0, hash);

        ObjectNode now = JSON.createObjectNode();
        now.put("templateHash", hash);
        now.set("pod", withoutTerminationMessagePolicy(JSON.valueToTree(pod)));
        Path file = DIRECTORY.resolve(name + ".json");
        if (Boolean.getBoolean("siha.updateEarlierPods")) {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file, JSON.writeValueAsString(now) + "\n");
        }
        assertThat(JSON.writeValueAsString(now) + "\n").isEqualTo(Files.readString(file));
    }

    private static ObjectNode withoutTerminationMessagePolicy(ObjectNode pod) {
        for (String containers : List.of("containers", "initContainers")) {
            pod.path("spec").path(containers).forEach(c -> ((ObjectNode) c).remove("terminationMessagePolicy"));
        }
        return pod;
    }

    /** Every field of spec that existed before issue 15's pod template, set. */
    private static SiHaCluster everyEarlierField() {
        SiHaCluster cluster = TestClusters.persistedByAnEarlierOperator("orders");
        cluster.getSpec().setTls(new TlsSpec(new TlsSecretRef("orders-sync-tls"),
                new TlsSecretRef("orders-ingest-tls")));
        ExtensionsSpec extensions = new ExtensionsSpec("registry.example.com/ext:1.0");
        extensions.setImagePullPolicy(ImagePullPolicy.ALWAYS);
        cluster.getSpec().setExtensions(extensions);
        cluster.getSpec().getIngest().setAuthTokenSecretRef(new IngestTokenSecretRef("orders-ingest", "token"));
        NodePodSpec pod = new NodePodSpec();
        pod.setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi"))
                .addToRequests("cpu", new Quantity("500m")).build());
        pod.setNodeSelector(Map.of("pool", "stream"));
        pod.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()));
        pod.setAffinity(new AffinityBuilder().withNewNodeAffinity().endNodeAffinity().build());
        cluster.getSpec().setPod(pod);
        return cluster;
    }
}
