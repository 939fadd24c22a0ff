package io.siha.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The HTTP ingest of one endpoint: one JSON POST per batch to {@code /v1/apps/{app}/streams/{stream}}. 200 is an
 * acknowledgement; 503, a failed connection or no answer within the attempt timeout a retry elsewhere; 401, 404 and
 * other 4xx a refusal naming the node's reason.
 */
final class HttpLink extends Link {

    private static final int MAX_MESSAGE_CHARS = 500;

    private final HttpClient http;
    private final String scheme;
    private final Executor loop;
    private final String token;
    private final Duration attemptTimeout;
    private final Map<StreamKey, List<String>> attributeNames;

    HttpLink(Endpoint endpoint, boolean https, int maxInFlight, HttpClient http, Executor loop, String token,
             Duration attemptTimeout, Map<StreamKey, List<String>> attributeNames) {
        super(endpoint, maxInFlight);
        this.scheme = https ? "https://" : "http://";
        this.http = http;
        this.loop = loop;
        this.token = token;
        this.attemptTimeout = attemptTimeout;
        this.attributeNames = attributeNames;
    }

    @Override
    boolean writable() {
        return true;
    }

    @Override
    void write(Pending pending) {
        Batch batch = pending.batch;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(batch))
                .timeout(attemptTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonBatchBody.of(batch,
                        attributeNames.get(new StreamKey(batch.app, batch.stream)))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> loop.execute(() -> {
                    finish(pending, outcome(response, failure));
                    drain();
                }));
    }

    private URI uri(Batch batch) {
        return URI.create(scheme + endpoint + "/v1/apps/" + URLEncoder.encode(batch.app, StandardCharsets.UTF_8)
                + "/streams/" + URLEncoder.encode(batch.stream, StandardCharsets.UTF_8));
    }

    private static Outcome outcome(HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return Outcome.retry(cause instanceof HttpTimeoutException ? "no answer in time: " + cause.getMessage()
                    : "request failed: " + cause);
        }
        int status = response.statusCode();
        String message = "HTTP " + status + " " + shorten(response.body());
        if (status == 200) {
            return Outcome.acked();
        }
        if (status == 401) {
            return Outcome.refused(RefusalCode.UNAUTHORIZED, message);
        }
        if (status == 404) {
            return Outcome.refused(RefusalCode.UNKNOWN_STREAM, message);
        }
        if (status / 100 == 4) {
            return Outcome.refused(RefusalCode.BAD_REQUEST, message);
        }
        // 503: the node stopped being active; other 5xx: it is in trouble. Either way, the next endpoint.
        return Outcome.retry(message);
    }

    private static String shorten(String body) {
        return body.length() > MAX_MESSAGE_CHARS ? body.substring(0, MAX_MESSAGE_CHARS) + "..." : body;
    }

    @Override
    void close() {
        // The HttpClient is the whole client's; its idle connections close with it.
    }
}
