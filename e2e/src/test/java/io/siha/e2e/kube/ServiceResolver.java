package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Resolves a Service as kube-proxy would route a connection to it: the pods matching its selector that are Ready
 * and not terminating are its endpoints (what the endpoints controller publishes), and the Service port's target
 * port is looked up by name in the chosen pod's container. Read from the API on every call, so it sees a relabelled
 * or unready pod at once; a real kube-proxy lags by its sync period on top.
 */
final class ServiceResolver {

    /** One ready endpoint: the pod and the address to connect to. */
    record Endpoint(String podName, String host, int port) {

        URI uri(String path) {
            return URI.create("http://" + host + ":" + port + path);
        }
    }

    private final KubernetesClient client;
    private final String namespace;

    ServiceResolver(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The endpoint for {@code portName} of Service {@code serviceName}; empty while the Service has no endpoint. */
    Optional<Endpoint> resolve(String serviceName, String portName) {
        List<Endpoint> endpoints = readyEndpoints(serviceName, portName);
        return endpoints.isEmpty() ? Optional.empty()
                : Optional.of(endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size())));
    }

    /** Every ready endpoint: more than one would mean the Service splits traffic between two pods. */
    List<Endpoint> readyEndpoints(String serviceName, String portName) {
        Service service = client.services().inNamespace(namespace).withName(serviceName).get();
        // A Service without a selector has only the endpoints someone writes by hand: none here.
        if (service == null || service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()) {
            return List.of();
        }
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> portName.equals(p.getName()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("Service " + serviceName
                        + " has no port " + portName));
        return readyEndpoints(service, port);
    }

    private List<Endpoint> readyEndpoints(Service service, ServicePort port) {
        // With publishNotReadyAddresses the endpoints controller publishes every pod with an IP as ready.
        boolean everyPod = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        return client.pods().inNamespace(namespace).withLabels(service.getSpec().getSelector()).list().getItems()
                .stream()
                .filter(pod -> everyPod ? hasAddress(pod) : isReadyEndpoint(pod))
                .map(pod -> new Endpoint(pod.getMetadata().getName(), pod.getStatus().getPodIP(),
                        targetPort(pod, port)))
                .toList();
    }

    private static boolean hasAddress(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getPodIP() != null;
    }

    private static boolean isReadyEndpoint(Pod pod) {
        return hasAddress(pod) && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int targetPort(Pod pod, ServicePort port) {
        if (port.getTargetPort() == null) {
            return port.getPort();
        }
        Container container = pod.getSpec().getContainers().get(0);
        return ContainerPorts.resolve(container, port.getTargetPort());
    }
}
