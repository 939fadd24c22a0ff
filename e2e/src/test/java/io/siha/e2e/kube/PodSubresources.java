package io.siha.e2e.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock's CRUD dispatcher plus the two pod subresources that a real API server hands to the kubelet and that the
 * mock lacks: the pod proxy ({@code GET pods/NAME:PORT/proxy/PATH}) and the container log ({@code GET pods/NAME/log}).
 *
 * <p>How faithful. Proxy: the API server forwards to {@code podIP:PORT}; this forwards to the address the
 * {@link Kubelet} reported as the pod's IP, and returns the node's status code, content type and body; when the
 * node does not answer it returns 503 with a Status whose message reads as the API server's ("error trying to reach
 * service: ..."). GET only, no headers passed on. Log: the kubelet serves the current container's lines; so does
 * this, from the container's log file. {@code follow=true} is answered with the lines written so far and then the
 * end of the stream (the real one stays open for new lines); {@code tailLines}, {@code sinceSeconds},
 * {@code previous} and {@code timestamps} are refused with 400 rather than ignored.
 */
final class PodSubresources extends KubernetesCrudDispatcher {

    private static final Pattern PROXY = Pattern.compile(
            "/api/v1/namespaces/([^/]+)/pods/([^/:]+):(\\d+)/proxy(/[^?]*)?(?:\\?.*)?");
    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log(?:\\?(.*))?");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private volatile Kubelet kubelet;

    /** From now on pods' subresources are served by {@code kubelet}; before, they answer 503. */
    void servedBy(Kubelet kubelet) {
        this.kubelet = kubelet;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if ("GET".equals(request.getMethod())) {
            Matcher proxy = PROXY.matcher(request.getPath());
            if (proxy.matches()) {
                return proxy(proxy.group(1), proxy.group(2), Integer.parseInt(proxy.group(3)),
                        Optional.ofNullable(proxy.group(4)).orElse("/"));
            }
            Matcher log = LOG.matcher(request.getPath());
            if (log.matches()) {
                return log(log.group(2), Optional.ofNullable(log.group(3)).orElse(""));
            }
        }
        return super.dispatch(request);
    }

    private MockResponse proxy(String namespace, String pod, int port, String path) {
        Kubelet served = kubelet;
        Optional<String> ip = served == null ? Optional.empty() : served.podIp(namespace, pod);
        if (ip.isEmpty()) {
            return status(503, "ServiceUnavailable", "pod " + pod + " has no IP address");
        }
        URI target = URI.create("http://" + ip.get() + ":" + port + path);
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            MockResponse response = new MockResponse().setResponseCode(answer.statusCode()).setBody(answer.body());
            answer.headers().firstValue("Content-Type").ifPresent(t -> response.setHeader("Content-Type", t));
            return response;
        } catch (IOException e) {
            return status(503, "ServiceUnavailable", "error trying to reach service: dial tcp " + ip.get() + ":"
                    + port + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return status(503, "ServiceUnavailable", "interrupted");
        }
    }

    private MockResponse log(String pod, String query) {
        for (String parameter : query.split("&")) {
            String key = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            if (!key.isEmpty() && !key.equals("container") && !key.equals("follow") && !key.equals("pretty")) {
                return status(400, "BadRequest", "this mock's log subresource does not serve " + key);
            }
        }
        Kubelet served = kubelet;
        try {
            Optional<String> log = served == null ? Optional.empty() : served.containerLog(pod);
            return log.map(text -> new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                            .setBody(text))
                    .orElseGet(() -> status(404, "NotFound", "pods \"" + pod + "\" not found"));
        } catch (IOException e) {
            return status(500, "InternalError", "log of " + pod + " unreadable: " + e);
        }
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                        "message", message, "reason", reason, "code", code)));
    }
}
