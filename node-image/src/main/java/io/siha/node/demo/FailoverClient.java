package io.siha.node.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An ingest client that knows both nodes' ingest addresses and sends each batch until one acknowledges it,
 * moving to the other address whenever a node refuses, fails or is gone. Events carry ids ({@code $id}), so a
 * batch retried after a failover counts once.
 */
public final class FailoverClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which endpoint acknowledged, and when. */
    public record Ack(int endpoint, long atNanos) {
    }

    private final List<String> endpoints;
    private final Duration giveUpAfter;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private int current;

    public FailoverClient(List<String> endpoints, Duration giveUpAfter) {
        this.endpoints = List.copyOf(endpoints);
        this.giveUpAfter = giveUpAfter;
    }

    /** Sends one batch until acknowledged; throws if no endpoint acknowledges it within the give-up time. */
    public Ack send(String app, String stream, List<Map<String, Object>> events) throws InterruptedException {
        byte[] body = json(events);
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        String lastProblem = "no attempt";
        while (System.nanoTime() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints.get(current) + "/v1/apps/" + app
                            + "/streams/" + stream))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return new Ack(current, System.nanoTime());
                }
                if (response.statusCode() / 100 == 4) {
                    throw new IllegalArgumentException("the node refused the batch: " + response.body());
                }
                lastProblem = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            current = (current + 1) % endpoints.size();
            Thread.sleep(20);
        }
        throw new IllegalStateException("no node acknowledged within " + giveUpAfter.toSeconds() + " s: "
                + lastProblem);
    }

    /** Runs an on-demand query on whichever node answers it (only the active does). */
    public JsonNode query(String app, String storeQuery) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            String endpoint = endpoints.get((current + attempt) % endpoints.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v1/apps/" + app + "/query"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(storeQuery, StandardCharsets.UTF_8)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
            } catch (IOException e) {
                // try the other node
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no node answered the query '" + storeQuery + "'");
    }

    private static byte[] json(List<Map<String, Object>> events) {
        try {
            return JSON.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("events must be JSON-serializable", e);
        }
    }
}
