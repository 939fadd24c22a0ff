package io.siha.operator.pair;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.siha.api.SiHaLabels;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodePodViewTest {

    @Test
    void readsTheTroubleTheNodeAnnotatedAndIgnoresAGarbledTime() {
        Pod pod = new PodBuilder().withNewMetadata().withName("c-0")
                .withLabels(Map.of(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE))
                .withAnnotations(Map.of(SiHaLabels.EPOCH, "7",
                        SiHaLabels.SNAPSHOTS_FAILING_SINCE, "2026-12-01T10:00:00Z",
                        SiHaLabels.REFUSING_EVENTS, "the apps' state outgrows this node's memory"))
                .endMetadata().withNewStatus().withPhase("Running").endStatus().build();

        NodePodView view = NodePodView.of(pod);

        assertThat(view.trouble().snapshotsFailingSince()).contains(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(view.trouble().refusingEvents()).contains("the apps' state outgrows this node's memory");

        pod.getMetadata().setAnnotations(Map.of(SiHaLabels.SNAPSHOTS_FAILING_SINCE, "yesterday"));
        assertThat(NodePodView.of(pod).trouble()).isEqualTo(NodePodView.Trouble.NONE);
    }
}
