package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.siha.node.testing.PrometheusServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus Operator's part, as far as these tests need it: the scrape targets a PodMonitor stands for. Each pod
 * of its namespace that its selector's labels match, at the pod IP and the container port its endpoint names, with
 * the endpoint's path and the labels the Prometheus Operator puts on a pod's series (namespace, pod); the job is
 * NAMESPACE/NAME, as it names it.
 */
final class PodMonitorTargets {

    private PodMonitorTargets() {
    }

    static List<PrometheusServer.Target> of(PodMonitor monitor, List<Pod> podsOfItsNamespace) {
        Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
        String job = monitor.getMetadata().getNamespace() + "/" + monitor.getMetadata().getName();
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (PodMetricsEndpoint endpoint : monitor.getSpec().getPodMetricsEndpoints()) {
            for (Pod pod : podsOfItsNamespace) {
                Map<String, String> labels = pod.getMetadata().getLabels();
                if (labels == null || !labels.entrySet().containsAll(selector.entrySet())
                        || pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
                    continue;
                }
                int port = pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                        .filter(p -> endpoint.getPort().equals(p.getName())).map(ContainerPort::getContainerPort)
                        .findFirst().orElseThrow(() -> new AssertionError("PodMonitor " + job + " names port "
                                + endpoint.getPort() + ", which pod " + pod.getMetadata().getName() + " lacks"));
                targets.add(new PrometheusServer.Target(job, pod.getStatus().getPodIP() + ":" + port,
                        endpoint.getPath(), Map.of("namespace", pod.getMetadata().getNamespace(),
                                "pod", pod.getMetadata().getName())));
            }
        }
        return targets;
    }
}
