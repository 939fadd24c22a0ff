package io.siha.kubectl.kube;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.siha.api.NodeContainer;
import io.siha.api.NodeEndpoints;
import io.siha.kubectl.status.NodeReading;
import io.siha.kubectl.status.NodeReport;

import java.util.Optional;

/**
 * A node's {@code /v1/status} through the API server's pod proxy,
 * {@code GET /api/v1/namespaces/NS/pods/POD:PORT/proxy/v1/status}, PORT the number of the container port the
 * operator names {@value NodeContainer#REST_PORT_NAME}: the plugin needs a route to the API server only.
 */
final class NodeStatusProxy {

    private final KubernetesClient client;

    NodeStatusProxy(KubernetesClient client) {
        this.client = client;
    }

    NodeReading read(Pod pod) {
        Optional<Integer> port = restPort(pod);
        if (port.isEmpty()) {
            return new NodeReading.Unreachable("the pod has no container port named " + NodeContainer.REST_PORT_NAME);
        }
        String path = "/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName()
                + ":" + port.get() + "/proxy" + NodeEndpoints.STATUS;
        String body;
        try {
            body = client.raw(path);
        } catch (KubernetesClientException e) {
            return new NodeReading.Unreachable(describe(e));
        }
        if (body == null) {
            return new NodeReading.Unreachable("the pod proxy answered 404 Not Found");
        }
        try {
            return new NodeReading.Reported(NodeReport.parse(body));
        } catch (IllegalArgumentException e) {
            return new NodeReading.Unreachable("its /v1/status is not a node status: " + e.getMessage());
        }
    }

    private static Optional<Integer> restPort(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> NodeContainer.NAME.equals(c.getName()))
                .flatMap(c -> c.getPorts().stream())
                .filter(p -> NodeContainer.REST_PORT_NAME.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    private static String describe(KubernetesClientException e) {
        if (e.getCode() > 0) {
            String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            return "the pod proxy answered " + e.getCode() + ": " + firstLine(status);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "the API server could not be asked: " + firstLine(String.valueOf(cause.getMessage()));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
