package io.siha.node.extensions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Real HTTP requests to the node's HTTP sources on 127.0.0.1 (java.net.http, keep-alive). */
final class Posts {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Posts() {
    }

    static HttpResponse<String> post(int port, String path, String body, String idempotencyKey) throws Exception {
        return post(port, path, body, idempotencyKey, null);
    }

    /** POSTs {@code body}; null {@code idempotencyKey} or {@code authorization}: without that header. */
    static HttpResponse<String> post(int port, String path, String body, String idempotencyKey, String authorization,
                                     String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(port, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
