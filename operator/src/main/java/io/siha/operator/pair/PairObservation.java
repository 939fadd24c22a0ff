package io.siha.operator.pair;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.siha.operator.model.ClusterNames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The two node pods as observed in one reconcile; a missing pod is an empty slot. */
public record PairObservation(List<Optional<NodePodView>> slots) {

    public PairObservation {
        slots = List.copyOf(slots);
    }

    /** @param nodesByName the Nodes the pods run on, by name; a pod on a Node not given is taken to stay */
    public static PairObservation of(ClusterNames names, Map<String, Pod> podsByName, Map<String, Node> nodesByName) {
        List<Optional<NodePodView>> slots = new ArrayList<>();
        for (String name : names.pods()) {
            slots.add(Optional.ofNullable(podsByName.get(name)).map(pod -> NodePodView.of(pod,
                    Optional.ofNullable(pod.getSpec() == null ? null : pod.getSpec().getNodeName())
                            .map(nodesByName::get))));
        }
        return new PairObservation(slots);
    }

    public Optional<NodePodView> named(String name) {
        return present().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<NodePodView> present() {
        return slots.stream().flatMap(Optional::stream).toList();
    }

    public List<NodePodView> labelledActive() {
        return present().stream().filter(NodePodView::labelledActive).toList();
    }

    /** The active pod; with two labelled active (a moment before the repair), the one with the newer epoch. */
    public Optional<NodePodView> active() {
        return labelledActive().stream().max(Comparator.comparingLong(NodePodView::epochOrMinusOne));
    }

    public Optional<NodePodView> runningPassive() {
        return present().stream().filter(NodePodView::runsAsPassive).findFirst();
    }

    public Optional<NodePodView> other(NodePodView pod) {
        return present().stream().filter(p -> !p.name().equals(pod.name())).findFirst();
    }
}
