package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kube-proxy's view: selector match, Ready, not terminating, target port by name. */
@EnableKubernetesMockClient(crud = true)
class ServiceResolverTest {

    KubernetesClient client;
    private ServiceResolver resolver;

    @BeforeEach
    void createService() {
        client.resource(new ServiceBuilder().withNewMetadata().withName("orders").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "orders", "role", "active"))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("ingest")).endPort()
                .endSpec().build()).create();
        resolver = new ServiceResolver(client, client.getNamespace());
    }

    @Test
    void resolvesToTheReadyPodMatchingTheSelectorOnItsNamedPort() {
        create(pod("orders-0", "active", "127.0.0.2", true));
        create(pod("orders-1", "passive", "127.0.0.3", true));

        assertThat(resolver.resolve("orders", "http"))
                .contains(new ServiceResolver.Endpoint("orders-0", "127.0.0.2", 8006));
    }

    @Test
    void aPodThatIsNotReadyIsNoEndpoint() {
        create(pod("orders-0", "active", "127.0.0.2", false));

        assertThat(resolver.resolve("orders", "http")).isEmpty();
    }

    @Test
    void aTerminatingPodIsNoEndpoint() {
        Pod pod = pod("orders-0", "active", "127.0.0.2", true);
        pod.getMetadata().setFinalizers(List.of(PodWorker.FINALIZER));
        create(pod);
        client.pods().withName("orders-0").delete();

        assertThat(client.pods().withName("orders-0").get().getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(resolver.resolve("orders", "http")).isEmpty();
    }

    @Test
    void twoReadyMatchingPodsAreBothEndpoints() {
        create(pod("orders-0", "active", "127.0.0.2", true));
        create(pod("orders-1", "active", "127.0.0.3", true));

        assertThat(resolver.readyEndpoints("orders", "http")).extracting(ServiceResolver.Endpoint::podName)
                .containsExactlyInAnyOrder("orders-0", "orders-1");
    }

    private void create(Pod pod) {
        Pod created = client.resource(pod).create();
        client.pods().withName(created.getMetadata().getName()).editStatus(p -> {
            p.setStatus(pod.getStatus());
            return p;
        });
    }

    private static Pod pod(String name, String role, String ip, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of("app", "orders", "role", role))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("node")
                .addNewPort().withName("ingest").withContainerPort(8006).endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }
}
