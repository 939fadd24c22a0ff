package io.siha.operator.pair;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DisruptionTest {

    private static final Pod POD = new PodBuilder().withNewMetadata().withName("c-0").endMetadata()
            .withNewSpec().withNodeName("n1").endSpec().build();

    @Test
    void aSchedulableUntaintedNodeKeepsItsPods() {
        assertThat(Disruption.of(POD, Optional.of(node().build()))).isEmpty();
        assertThat(Disruption.of(POD, Optional.of(node().editSpec().addNewTaint().withKey("dedicated")
                .withEffect("NoSchedule").endTaint().endSpec().build()))).isEmpty();
        assertThat(Disruption.of(POD, Optional.empty())).as("node unknown").isEmpty();
    }

    @Test
    void aCordonedNodeIsBeingDrained() {
        assertThat(Disruption.of(POD, Optional.of(node().editSpec().withUnschedulable(true).endSpec().build())))
                .contains("node n1 is cordoned");
    }

    @Test
    void theDrainTaintsOfKubernetesTheClusterAutoscalerAndKarpenterCount() {
        for (String taint : Disruption.DRAIN_TAINTS) {
            Node tainted = node().editSpec().addNewTaint().withKey(taint).withEffect("NoSchedule").endTaint()
                    .endSpec().build();
            assertThat(Disruption.of(POD, Optional.of(tainted))).contains("node n1 has the taint " + taint);
        }
    }

    @Test
    void aPodMarkedAsDisruptionTargetIsAboutToBeEvicted() {
        Pod marked = new PodBuilder(POD).withNewStatus().addNewCondition().withType("DisruptionTarget")
                .withStatus("True").withReason("EvictionByEvictionAPI").endCondition().endStatus().build();
        assertThat(Disruption.of(marked, Optional.of(node().build())))
                .contains("pod c-0 is about to be evicted (DisruptionTarget: EvictionByEvictionAPI)");
        Pod cleared = new PodBuilder(POD).withNewStatus().addNewCondition().withType("DisruptionTarget")
                .withStatus("False").endCondition().endStatus().build();
        assertThat(Disruption.of(cleared, Optional.of(node().build()))).isEmpty();
    }

    private static NodeBuilder node() {
        return new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewSpec().endSpec();
    }
}
