package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.NodeEnv;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.model.DbSecretModel;
import io.siha.operator.model.NodePodModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kubelet's env resolution on the pod the operator builds, without starting anything. */
@EnableKubernetesMockClient(crud = true)
class PodEnvResolverTest {

    private static final String POD_IP = "127.0.0.9";

    KubernetesClient client;
    @TempDir
    Path podDirectory;

    private Pod pod;

    @BeforeEach
    void createPodAndItsObjects() {
        SiHaCluster cluster = SampleClusters.counter("orders", "test", "jdbc:postgresql://127.0.0.1:5432/siha",
                "siha", 200);
        cluster.getMetadata().setUid("uid-orders");
        pod = NodePodModel.build(cluster, 0, "hash");
        client.resource(new SecretBuilder().withNewMetadata().withName("orders-db").endMetadata()
                .withData(Map.of(
                        DbSecretModel.CLUSTER_DB_URL_KEY, base64("jdbc:postgresql://127.0.0.1:5432/siha"),
                        DbSecretModel.PERSISTENCE_DB_URL_KEY, base64("jdbc:postgresql://127.0.0.1:5432/siha"),
                        DbSecretModel.USER_KEY, base64("siha"),
                        DbSecretModel.PASSWORD_KEY, base64("pa$$word"),
                        DbSecretModel.SYNC_SECRET_KEY, base64("0123456789abcdef0123")))
                .build()).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("orders-apps").endMetadata()
                .withData(Map.of("counter.siddhi", "@app:name('Counter')")).build()).create();
    }

    @Test
    void resolvesLiteralsSecretsAndTheDownwardApi() throws Exception {
        Map<String, String> env = resolve();

        assertThat(env).containsEntry(NodeEnv.POD_NAME, "orders-0")
                .containsEntry(NodeEnv.NODE_ID, "orders-0")
                .containsEntry(NodeEnv.POD_NAMESPACE, "test")
                .containsEntry(NodeEnv.ADVERTISED_HOST, POD_IP)
                .containsEntry(NodeEnv.DB_PASSWORD, "pa$$word")
                .containsEntry(NodeEnv.CLUSTER_GROUP, "orders")
                .containsEntry(NodeEnv.HEARTBEAT_INTERVAL_MS, "200")
                .containsEntry("KUBERNETES_MASTER", "https://mock:443");
    }

    @Test
    void bindsToThePodIpAndFindsTheAppsInTheMountedConfigMap() throws Exception {
        Map<String, String> env = resolve();

        assertThat(env).containsEntry(NodeEnv.BIND_HOST, POD_IP);
        Path apps = Path.of(env.get(NodeEnv.APPS_DIR));
        assertThat(apps).startsWith(podDirectory);
        assertThat(Files.readString(apps.resolve("counter.siddhi"))).isEqualTo("@app:name('Counter')");
    }

    @Test
    void aMissingSecretKeyStopsTheStartNamingTheVariable() {
        client.secrets().withName("orders-db").edit(s -> {
            s.getData().remove(DbSecretModel.PASSWORD_KEY);
            return s;
        });

        assertThatThrownBy(this::resolve).hasMessageContaining(NodeEnv.DB_PASSWORD)
                .hasMessageContaining(DbSecretModel.PASSWORD_KEY);
    }

    @Test
    void envFromComesBeforeEnvWithItsPrefixAndEnvExpandsVariablesDefinedBeforeIt() throws Exception {
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("orders-env").endMetadata()
                .withData(Map.of("REGION", "eu-west-1", "TEAM", "from-config-map")).build()).create();
        var node = pod.getSpec().getContainers().get(0);
        node.setEnvFrom(List.of(new EnvFromSourceBuilder().withNewConfigMapRef("orders-env", false)
                .withPrefix("ORDERS_").build()));
        node.getEnv().add(new EnvVarBuilder().withName("ORDERS_TEAM").withValue("from-env").build());
        node.getEnv().add(new EnvVarBuilder().withName("LABEL")
                .withValue("$(SIHA_POD_NAME)-$(ORDERS_REGION)-$(UNDEFINED)").build());

        assertThat(resolve()).containsEntry("ORDERS_REGION", "eu-west-1").containsEntry("ORDERS_TEAM", "from-env")
                .containsEntry("LABEL", "orders-0-eu-west-1-$(UNDEFINED)");
    }

    private Map<String, String> resolve() {
        pod.getMetadata().setNamespace("test");
        var container = pod.getSpec().getContainers().get(0);
        PodVolumes volumes = PodVolumes.materialize(client, pod, container, podDirectory);
        return new PodEnvResolver(client, Map.of("KUBERNETES_MASTER", "https://mock:443"))
                .resolve(pod, container, POD_IP, volumes);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
