package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.operator.model.IngestServiceModel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;


/** The two pods of a running pair: which is active, which passive, and the lease epoch. */
record RunningPair(String active, String passive, long epoch) {

    static final Duration PAIR_START = Duration.ofSeconds(90);

    /**
     * Waits until the pair runs as the status reports it: one pod active and Ready, the Service resolving to it alone,
     * the other pod running as passive, and the active replicating to it.
     */
    static RunningPair await(MockCluster kube, String name) {
        return org.awaitility.Awaitility.await("pair " + name + " running; logs in " + kube.workDirectory())
                .atMost(PAIR_START).pollInterval(Duration.ofMillis(100))
                .until(() -> of(kube, name), Optional::isPresent).orElseThrow();
    }

    /** The pair as it runs now, if it does. */
    static Optional<RunningPair> of(MockCluster kube, String name) {
        SiHaClusterStatus status = kube.cluster(name).map(SiHaCluster::getStatus).orElse(null);
        if (status == null || status.getActivePod() == null || status.getPassivePod() == null
                || status.getEpoch() == null) {
            return Optional.empty();
        }
        List<String> endpoints = kube.services().readyEndpoints(name, IngestServiceModel.HTTP_PORT_NAME).stream()
                .map(ServiceResolver.Endpoint::podName).toList();
        Optional<Pod> active = kube.pod(status.getActivePod());
        if (!endpoints.equals(List.of(status.getActivePod())) || active.isEmpty()
                || !NodeStatusReader.isActiveWithPassive(active.get())) {
            return Optional.empty();
        }
        return Optional.of(new RunningPair(status.getActivePod(), status.getPassivePod(), status.getEpoch()));
    }
}
