package io.siha.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.siha.api.NodeEndpoints;
import io.siha.api.SiHaDefaults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A node's own view ({@code /v1/status} on its REST port at the pod IP), for what the pod objects do not show. */
final class NodeStatusReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private NodeStatusReader() {
    }

    static Optional<JsonNode> read(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
            return Optional.empty();
        }
        URI uri = URI.create("http://" + pod.getStatus().getPodIP() + ":" + SiHaDefaults.REST_PORT
                + NodeEndpoints.STATUS);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Active, accepting events, and replicating to a connected passive. */
    static boolean isActiveWithPassive(Pod pod) {
        return read(pod).map(s -> s.path("ready").asBoolean() && s.path("peerConnected").asBoolean())
                .orElse(false);
    }
}
