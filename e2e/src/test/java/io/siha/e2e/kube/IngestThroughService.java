package io.siha.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siha.operator.model.IngestServiceModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of the pair that knows only the Service, as an application in the cluster would: each request goes to
 * the endpoint the Service resolves to at that moment. A batch is sent again, with the same {@code $id}s, until it is
 * acknowledged (HTTP 200): while the Service has no endpoint, when the connection fails, or on 503 (the node stopped
 * being active). The ids make a retried event count once.
 */
final class IngestThroughService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static final long RETRY_PAUSE_MS = 20;

    /** Which pod acknowledged a batch. */
    record Ack(String podName) {
    }

    /** Where a connection to a Service's port goes at this moment: one endpoint, or none. */
    @FunctionalInterface
    interface Routing {
        Optional<ServiceResolver.Endpoint> route(String serviceName, String portName);
    }

    private final Routing routing;
    private final String serviceName;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** Through kube-proxy: a ready endpoint of the Service. */
    IngestThroughService(ServiceResolver resolver, String serviceName) {
        this(resolver::resolve, serviceName);
    }

    IngestThroughService(Routing routing, String serviceName) {
        this.routing = routing;
        this.serviceName = serviceName;
    }

    Ack send(String app, String stream, List<Map<String, Object>> events) throws InterruptedException {
        byte[] body = json(events);
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        String lastProblem = "the Service never had an endpoint";
        while (System.nanoTime() < deadline) {
            Optional<ServiceResolver.Endpoint> endpoint = routing.route(serviceName,
                    IngestServiceModel.HTTP_PORT_NAME);
            if (endpoint.isPresent()) {
                HttpRequest request = HttpRequest.newBuilder(endpoint.get().uri("/v1/apps/" + app + "/streams/"
                                + stream)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return new Ack(endpoint.get().podName());
                    }
                    if (response.statusCode() / 100 == 4) {
                        throw new IllegalArgumentException(endpoint.get().podName() + " refused the batch: HTTP "
                                + response.statusCode() + " " + response.body());
                    }
                    lastProblem = endpoint.get().podName() + ": HTTP " + response.statusCode() + " "
                            + response.body();
                } catch (IOException e) {
                    lastProblem = endpoint.get().podName() + ": " + e;
                }
            }
            Thread.sleep(RETRY_PAUSE_MS);
        }
        throw new IllegalStateException("no acknowledgement through Service " + serviceName + " within "
                + GIVE_UP_AFTER.toSeconds() + " s: " + lastProblem);
    }

    /** Rows of an on-demand query, answered by the active through the Service. */
    JsonNode query(String app, String onDemandQuery) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        String lastProblem = "the Service never had an endpoint";
        while (System.nanoTime() < deadline) {
            Optional<ServiceResolver.Endpoint> endpoint = routing.route(serviceName,
                    IngestServiceModel.HTTP_PORT_NAME);
            if (endpoint.isPresent()) {
                HttpRequest request = HttpRequest.newBuilder(endpoint.get().uri("/v1/apps/" + app + "/query"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(onDemandQuery, StandardCharsets.UTF_8)).build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return JSON.readTree(response.body());
                    }
                    lastProblem = "HTTP " + response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    lastProblem = e.toString();
                }
            }
            Thread.sleep(RETRY_PAUSE_MS);
        }
        throw new IllegalStateException("query '" + onDemandQuery + "' not answered: " + lastProblem);
    }

    private static byte[] json(List<Map<String, Object>> events) {
        try {
            return JSON.writeValueAsBytes(events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
