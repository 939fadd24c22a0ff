package io.siha.node.bench;

import io.siha.node.engine.HttpPostSink;
import io.siha.node.ingest.EventJsonDecoder;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Where a batch of the bench's orders goes over HTTP, and how it is written for that place: the node's own ingest port
 * ({@code POST /v1/apps/{app}/streams/{stream}}, an array of attribute objects, each with its {@code $id}) or an app's
 * {@code @source(type='http')} with {@code @map(type='json')} (an array of {@code {"event":{...}}}, the request's
 * {@code Idempotency-Key} naming its events). Both carry the same events under the same ids: the source names the
 * i-th event of the request {@code <key>#<i>}, so the ingest body gives each event that id too.
 */
final class HttpTarget {

    /** The bench's orders are all of one region: the counting app keeps one row, the count the bench reads. */
    private static final String REGION = "eu";

    private final String name;
    private final String keyPrefix;
    private final URI url;
    private final boolean keyInHeader;

    private HttpTarget(String name, CountingApp app, URI url, boolean keyInHeader) {
        this.name = name;
        // A node remembers event ids across all its apps: a key only unique within one app made a later app's
        // events repeats of an earlier one's, acknowledged and never processed.
        this.keyPrefix = app.name() + "-" + name + "-";
        this.url = url;
        this.keyInHeader = keyInHeader;
    }

    /** The node's HTTP ingest port, for {@code app}'s stream. */
    static HttpTarget ingest(String ingestUrl, CountingApp app) {
        return new HttpTarget("ingest", app, URI.create(ingestUrl + "/v1/apps/" + app.name() + "/streams/"
                + CountingApp.STREAM), false);
    }

    /** The app's own HTTP source. */
    static HttpTarget source(CountingApp app) {
        return new HttpTarget("source", app, URI.create(app.sourceUrl().orElseThrow(() ->
                new IllegalArgumentException(app.name() + " has no HTTP source"))), true);
    }

    /** "source" or "ingest". */
    String name() {
        return name;
    }

    /**
     * The key of the {@code batch}th request: the app's name and the way in, then the number, so no two runs' events
     * share an id.
     */
    String key(long batch) {
        return keyPrefix + batch;
    }

    /** The request carrying orders {@code first} to {@code first + count - 1} (their amounts), under {@code key}. */
    HttpRequest request(String key, long first, int count) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(key, first, count)));
        if (keyInHeader) {
            request.header(HttpPostSink.IDEMPOTENCY_KEY, key);
        }
        return request.build();
    }

    String body(String key, long first, int count) {
        StringBuilder body = new StringBuilder(count * 48).append('[');
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",");
            String attributes = "\"region\":\"" + REGION + "\",\"amount\":" + (first + i);
            if (keyInHeader) {
                body.append("{\"event\":{").append(attributes).append("}}");
            } else {
                body.append("{\"").append(EventJsonDecoder.ID).append("\":\"").append(key).append('#').append(i)
                        .append("\",").append(attributes).append('}');
            }
        }
        return body.append(']').toString();
    }
}
