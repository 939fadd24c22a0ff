package io.siha.kubectl.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.kubectl.CommandFailure;
import io.siha.kubectl.status.PairState;
import io.siha.kubectl.status.PodState;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads a SiHaCluster, its pods, and what each pod's node says, from the API server. */
public final class PairReader {

    private final KubeConnection kube;

    public PairReader(KubeConnection kube) {
        this.kube = kube;
    }

    /** The SiHaCluster {@code name}; a clear error if there is none. */
    public SiHaCluster cluster(String name) {
        SiHaCluster cluster = kube.client().resources(SiHaCluster.class).inNamespace(kube.namespace())
                .withName(name).get();
        if (cluster == null) {
            throw new CommandFailure("SiHaCluster " + name + " not found in namespace " + kube.namespace());
        }
        return cluster;
    }

    public PairState read(String name) {
        SiHaCluster cluster = cluster(name);
        SiHaClusterStatus status = Optional.ofNullable(cluster.getStatus()).orElseGet(SiHaClusterStatus::new);
        NodeStatusProxy proxy = new NodeStatusProxy(kube.client());
        List<PodState> pods = pods(name).stream()
                .map(p -> new PodState(p.getMetadata().getName(),
                        Optional.ofNullable(p.getMetadata().getLabels()).map(l -> l.get(SiHaLabels.ROLE)),
                        proxy.read(p)))
                .toList();
        return new PairState(name, kube.namespace(),
                Optional.ofNullable(status.getPhase()).map(SiHaClusterPhase::displayName),
                Optional.ofNullable(status.getActivePod()), Optional.ofNullable(status.getPassivePod()),
                Optional.ofNullable(status.getEpoch()), Optional.ofNullable(status.getFailoverCount()),
                Optional.ofNullable(status.getLastSwitchover()), pods);
    }

    private List<Pod> pods(String name) {
        return kube.client().pods().inNamespace(kube.namespace()).withLabel(SiHaLabels.CLUSTER, name).list()
                .getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }
}
