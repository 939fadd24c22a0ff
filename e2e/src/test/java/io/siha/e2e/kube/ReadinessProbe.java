package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's readiness probe as the kubelet runs it: an HTTP GET on the pod IP every {@code periodSeconds};
 * 2xx or 3xx within {@code timeoutSeconds} is a success, and the Ready state flips after {@code successThreshold}
 * successes or {@code failureThreshold} failures in a row. The node's probe is /readyz on its REST port, true only on
 * the active with its ingest port open.
 */
final class ReadinessProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final URI uri;
    private final Duration period;
    private final Duration timeout;
    private final int successThreshold;
    private final int failureThreshold;
    private boolean ready;
    private int successes;
    private int failures;

    ReadinessProbe(Container container, String podIp) {
        Probe probe = container.getReadinessProbe();
        if (probe == null || probe.getHttpGet() == null) {
            throw new IllegalStateException("container " + container.getName() + " has no HTTP readiness probe");
        }
        int port = ContainerPorts.resolve(container, probe.getHttpGet().getPort());
        this.uri = URI.create("http://" + podIp + ":" + port + probe.getHttpGet().getPath());
        this.period = Duration.ofSeconds(orDefault(probe.getPeriodSeconds(), 10));
        this.timeout = Duration.ofSeconds(orDefault(probe.getTimeoutSeconds(), 1));
        this.successThreshold = orDefault(probe.getSuccessThreshold(), 1);
        this.failureThreshold = orDefault(probe.getFailureThreshold(), 3);
    }

    Duration period() {
        return period;
    }

    /** Probes once; returns whether the container counts as Ready now. */
    boolean probe() {
        if (succeeds()) {
            failures = 0;
            successes++;
            if (successes >= successThreshold) {
                ready = true;
            }
        } else {
            successes = 0;
            failures++;
            if (failures >= failureThreshold) {
                ready = false;
            }
        }
        return ready;
    }

    /** A new container run starts not Ready. */
    void reset() {
        ready = false;
        successes = 0;
        failures = 0;
    }

    private boolean succeeds() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() >= 200 && response.statusCode() < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
