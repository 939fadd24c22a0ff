package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.SiHaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * An SI app's HTTP source on Kubernetes, as the operator sets it up against the mock API server: the port its
 * receiver.url names is on both pods, on the Service that follows the active, where kube-proxy's view resolves it to
 * the active pod's container port, and in the NetworkPolicy; a source on one of the node's own ports is an InvalidSpec
 * and no pod is made. No node runs here: only what the operator writes is checked.
 */
class SourcePortsOnKubernetesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/siha";

    private static MockApiServer api;
    private static InProcessOperator operator;

    @BeforeAll
    static void startOperator() {
        api = new MockApiServer();
        api.client().resource(SampleClusters.passwordSecret(api.namespace(), "password")).create();
        operator = new InProcessOperator(api.client());
    }

    @AfterAll
    static void stopOperator() {
        operator.close();
        api.close();
    }

    /** SI's sweet factory, taking production events through an HTTP source on {@code port}. */
    private static String sweetFactory(int port) {
        return "@app:name('SweetFactory')\n"
                + "@source(type='http', receiver.url='http://0.0.0.0:" + port + "/production', @map(type='json'))\n"
                + "define stream SweetProductionStream (name string, amount double);\n"
                + "@sink(type='log', prefix='LowProduction')\n"
                + "define stream LowProductionAlertStream (name string, totalAmount double);\n"
                + "from SweetProductionStream#window.lengthBatch(3) select name, sum(amount) as totalAmount\n"
                + "group by name having totalAmount < 100 insert into LowProductionAlertStream;\n";
    }

    @Test
    void theSourcesPortIsOnThePodsTheServiceAndTheNetworkPolicy() {
        KubernetesClient client = api.client();
        client.resource(cluster("sweets", sweetFactory(8280))).create();
        await().atMost(WAIT).until(() -> pod("sweets-0").isPresent() && pod("sweets-1").isPresent());

        for (String name : List.of("sweets-0", "sweets-1")) {
            assertThat(pod(name).orElseThrow().getSpec().getContainers().get(0).getPorts())
                    .filteredOn(port -> port.getContainerPort() == 8280).singleElement()
                    .satisfies(port -> assertThat(port.getName()).isEqualTo("source-8280"));
        }
        assertThat(client.services().withName("sweets").get().getSpec().getPorts())
                .extracting(ServicePort::getName, ServicePort::getPort)
                .contains(tuple("source-8280", 8280));
        assertThat(client.network().v1().networkPolicies().withName("sweets").get().getSpec().getIngress())
                .anySatisfy(rule -> assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort)
                        .extracting(port -> port.getIntVal()).contains(8006, 9611, 8280));

        // kube-proxy's view, once a node is active and Ready: the Service's source port reaches that pod's source.
        runActive("sweets-1", "127.0.0.3");
        ServiceResolver services = new ServiceResolver(client, api.namespace());
        await().atMost(WAIT).until(() -> services.resolve("sweets", "source-8280").isPresent());
        assertThat(services.resolve("sweets", "source-8280"))
                .contains(new ServiceResolver.Endpoint("sweets-1", "127.0.0.3", 8280));
    }

    @Test
    void appsFromAConfigMapGetTheirSourcesPortsToo() {
        KubernetesClient client = api.client();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("sweet-apps").endMetadata()
                .withData(Map.of("sweets.siddhi", sweetFactory(8443))).build()).create();
        SiHaCluster cluster = cluster("factory", sweetFactory(1));
        cluster.getSpec().getApps().setInline(null);
        cluster.getSpec().getApps().setConfigMapName("sweet-apps");
        client.resource(cluster).create();

        await().atMost(WAIT).until(() -> client.services().withName("factory").get() != null);
        assertThat(client.services().withName("factory").get().getSpec().getPorts()).extracting(ServicePort::getPort)
                .containsExactly(8006, 9611, 8443);
    }

    @Test
    void aSourceOnTheBinaryIngestPortIsAnInvalidSpecAndNoPodIsMade() {
        KubernetesClient client = api.client();
        client.resource(cluster("clash", sweetFactory(9611))).create();

        await().atMost(WAIT).until(() -> invalidSpec("clash").isPresent());
        assertThat(invalidSpec("clash").orElseThrow().getMessage()).isEqualTo("spec.apps.inline[0].siddhi:"
                + " app sweets, @source(type='http') of stream SweetProductionStream: port 9611 is the node's binary"
                + " ingest port (spec.ingest.binaryPort); give its receiver.url another port");
        assertThat(pod("clash-0")).isEmpty();
        assertThat(pod("clash-1")).isEmpty();
        assertThat(client.services().withName("clash").get()).isNull();
    }

    private static SiHaCluster cluster(String name, String app) {
        SiHaCluster cluster = SampleClusters.counter(name, api.namespace(), JDBC_URL, "siha", 1000);
        cluster.getSpec().getApps().setInline(List.of(new InlineSiddhiApp("sweets", app)));
        return cluster;
    }

    private static Optional<Pod> pod(String name) {
        return Optional.ofNullable(api.client().pods().withName(name).get());
    }

    private static Optional<Condition> invalidSpec(String name) {
        SiHaCluster cluster = api.client().resources(SiHaCluster.class).withName(name).get();
        if (cluster == null || cluster.getStatus() == null || cluster.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return cluster.getStatus().getConditions().stream()
                .filter(c -> "InvalidSpec".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    /** What the kubelet and the node would write: the pod runs, is Ready, and is labelled active. */
    private static void runActive(String name, String podIp) {
        api.client().pods().withName(name).editStatus(pod -> {
            pod.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP(podIp)
                    .addToConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
            return pod;
        });
        api.client().pods().withName(name).edit(pod -> {
            Map<String, String> labels = new HashMap<>(pod.getMetadata().getLabels());
            labels.put(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);
            pod.getMetadata().setLabels(labels);
            return pod;
        });
    }
}
