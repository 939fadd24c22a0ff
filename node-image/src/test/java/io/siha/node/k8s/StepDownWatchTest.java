package io.siha.node.k8s;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.siha.api.SiHaLabels;
import io.siha.node.config.PodIdentity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator's step-down annotation, against the Fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class StepDownWatchTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void eachNewStepDownValueHandsOverOnceAndTheValueFoundAtStartIsIgnored() throws Exception {
        client.pods().resource(new PodBuilder().withNewMetadata().withName("pair-0")
                .addToAnnotations(SiHaLabels.STEP_DOWN, "gen-1").endMetadata()
                .withNewSpec().addNewContainer().withName("node").withImage("si-ha-node").endContainer().endSpec()
                .build()).create();
        AtomicInteger handOvers = new AtomicInteger();
        try (StepDownWatch watch = StepDownWatch.start(client, new PodIdentity("pair-0", client.getNamespace()),
                handOvers::incrementAndGet)) {
            annotate("gen-1", "unrelated", "a");
            annotate("gen-2", "unrelated", "b");
            await().atMost(Duration.ofSeconds(5)).until(() -> handOvers.get() == 1);
            annotate("gen-2", "unrelated", "c");
            annotate("gen-3", "unrelated", "d");
            await().atMost(Duration.ofSeconds(5)).until(() -> handOvers.get() == 2);
            Thread.sleep(300);
            assertThat(handOvers.get()).as("one handover per new value").isEqualTo(2);
        }
    }

    private void annotate(String stepDown, String key, String value) {
        client.pods().withName("pair-0").edit(p -> new PodBuilder(p).editMetadata()
                .addToAnnotations(SiHaLabels.STEP_DOWN, stepDown).addToAnnotations(key, value).endMetadata().build());
    }
}
