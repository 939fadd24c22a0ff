package io.siha.operator;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.operator.model.OperatorPodAnnotations;
import io.siha.operator.status.ConditionTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.siha.operator.TestClusters.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ports of the apps' HTTP sources reach the pods, the Service and the NetworkPolicy; a changed port rolls the pair;
 * a source on one of the node's own ports is an InvalidSpec and no pod is created.
 */
@EnableKubernetesMockClient(crud = true)
class SourcePortsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    KubernetesClient client;
    private OperatorHarness harness;

    static String shopApp(int port) {
        return "@app:name('Shop')\n"
                + "@source(type='http', receiver.url='http://0.0.0.0:" + port + "/orders', @map(type='json'))\n"
                + "define stream Orders (id string, amount double);\n";
    }

    @BeforeEach
    void startOperator() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        harness = new OperatorHarness(client);
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void anHttpSourcesPortIsOnThePodsTheServiceAndTheNetworkPolicyAndAChangeRollsThePair() {
        harness.create(withApp("orders", shopApp(8280)));
        await().atMost(WAIT).until(() -> harness.findPod("orders-0").isPresent() && harness.findPod("orders-1")
                .isPresent());
        assertExposed("orders", 8280);

        harness.runActive("orders-0", 1);
        harness.runPassive("orders-1");
        await().atMost(WAIT).until(() -> harness.get("orders").getStatus().getPhase() == SiHaClusterPhase.RUNNING);
        String oldHash = hash("orders-1");
        harness.editSpec("orders", c -> c.getSpec().getApps().getInline().get(0).setSiddhi(shopApp(8281)));

        // The Service and the policy follow at once; the pods through a rollout, the passive first.
        await().atMost(WAIT).untilAsserted(() -> assertThat(servicePorts("orders")).contains(8281)
                .doesNotContain(8280));
        await().atMost(WAIT).until(() -> harness.findPod("orders-1").map(p -> !oldHash.equals(hash(p)))
                .orElse(false));
        assertThat(containerPorts(harness.pod("orders-1").get())).contains("source-8281=8281");
        assertThat(hash("orders-0")).isEqualTo(oldHash);
    }

    @Test
    void appsFromTheUsersConfigMapAreExposedAlike() {
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("storefront").withNamespace(NAMESPACE)
                .endMetadata().withData(Map.of("shop.siddhi", shopApp(8443))).build()).create();
        SiHaCluster cluster = TestClusters.cluster("shop");
        cluster.getSpec().getApps().setInline(null);
        cluster.getSpec().getApps().setConfigMapName("storefront");
        harness.create(cluster);

        await().atMost(WAIT).until(() -> harness.findPod("shop-1").isPresent());
        assertExposed("shop", 8443);
    }

    @Test
    void aSourceOnTheHttpIngestPortIsAnInvalidSpecAndNoPodIsCreated() {
        harness.create(withApp("orders", shopApp(8006)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(StatusAndFailoverTest.condition(
                harness.get("orders").getStatus(), ConditionTypes.INVALID_SPEC)).satisfies(invalid -> {
                    assertThat(invalid.getStatus()).isEqualTo("True");
                    assertThat(invalid.getMessage()).isEqualTo("spec.apps.inline[0].siddhi: app shop,"
                            + " @source(type='http') of stream Orders: port 8006 is the node's HTTP ingest port"
                            + " (spec.ingest.httpPort); give its receiver.url another port");
                }));
        assertThat(harness.findPod("orders-0")).isEmpty();
        assertThat(harness.findPod("orders-1")).isEmpty();
        assertThat(client.services().inNamespace(NAMESPACE).withName("orders").get()).isNull();
    }

    private static SiHaCluster withApp(String name, String siddhi) {
        SiHaCluster cluster = TestClusters.cluster(name);
        cluster.getSpec().getApps().setInline(List.of(new InlineSiddhiApp("shop", siddhi)));
        return cluster;
    }

    private void assertExposed(String name, int port) {
        String portName = "source-" + port;
        for (String pod : List.of(name + "-0", name + "-1")) {
            assertThat(containerPorts(harness.pod(pod).get())).as(pod).endsWith(portName + "=" + port);
        }
        assertThat(client.services().inNamespace(NAMESPACE).withName(name).get().getSpec().getPorts())
                .filteredOn(p -> p.getPort() == port).singleElement().satisfies(p -> {
                    assertThat(p.getName()).isEqualTo(portName);
                    assertThat(p.getTargetPort().getStrVal()).isEqualTo(portName);
                });
        var ingestRule = client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName(name).get()
                .getSpec().getIngress().get(2);
        assertThat(ingestRule.getPorts()).extracting(NetworkPolicyPort::getPort).extracting(p -> p.getIntVal())
                .containsExactly(8006, 9611, port);
    }

    private List<Integer> servicePorts(String name) {
        return client.services().inNamespace(NAMESPACE).withName(name).get().getSpec().getPorts().stream()
                .map(ServicePort::getPort).toList();
    }

    private static List<String> containerPorts(Pod pod) {
        return pod.getSpec().getContainers().get(0).getPorts().stream()
                .map((ContainerPort p) -> p.getName() + "=" + p.getContainerPort()).toList();
    }

    private String hash(String pod) {
        return hash(harness.pod(pod).get());
    }

    private static String hash(Pod pod) {
        return pod.getMetadata().getAnnotations().get(OperatorPodAnnotations.TEMPLATE_HASH);
    }
}
