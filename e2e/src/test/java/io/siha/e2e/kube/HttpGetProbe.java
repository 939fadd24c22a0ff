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
 * A container's HTTP probe as the kubelet runs it: an HTTP GET on the pod IP every {@code periodSeconds}; 2xx or 3xx
 * within {@code timeoutSeconds} is a success, and the state flips after {@code successThreshold} successes or
 * {@code failureThreshold} failures in a row. The node's readiness probe is /readyz on its REST port, true only on
 * the active with its ingest port open; its startup probe /healthz, which answers once the node got through its start.
 */
final class HttpGetProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final URI uri;
    private final Duration period;
    private final Duration timeout;
    private final int successThreshold;
    private final int failureThreshold;
    private boolean passing;
    private int successes;
    private int failures;

    static HttpGetProbe readiness(Container container, String podIp) {
        return new HttpGetProbe(container, container.getReadinessProbe(), "readiness", podIp);
    }

    /** Empty when the container has none: the kubelet then counts it as started once it runs. */
    static java.util.Optional<HttpGetProbe> startup(Container container, String podIp) {
        return java.util.Optional.ofNullable(container.getStartupProbe())
                .map(probe -> new HttpGetProbe(container, probe, "startup", podIp));
    }

    private HttpGetProbe(Container container, Probe probe, String kind, String podIp) {
        if (probe == null || probe.getHttpGet() == null) {
            throw new IllegalStateException("container " + container.getName() + " has no HTTP " + kind + " probe");
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

    /** Probes once; returns whether the container counts as Ready (readiness) or started (startup) now. */
    boolean probe() {
        if (succeeds()) {
            failures = 0;
            successes++;
            if (successes >= successThreshold) {
                passing = true;
            }
        } else {
            successes = 0;
            failures++;
            if (failures >= failureThreshold) {
                passing = false;
            }
        }
        return passing;
    }

    /** A new container run starts neither Ready nor started. */
    void reset() {
        passing = false;
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
