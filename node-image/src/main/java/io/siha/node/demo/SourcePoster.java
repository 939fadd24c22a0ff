package io.siha.node.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo's client of an app's own HTTP source, as an SI user's would be: POSTs a JSON body with an
 * {@code Idempotency-Key}, and on anything but a 200 (a refused connection while no node is active, a 503, a reply cut
 * by a SIGKILL) sends the same body with the same key again after 25 ms, for up to a minute: the pair counts each
 * event once.
 */
public final class SourcePoster {

    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI url;

    public SourcePoster(String url) {
        this.url = URI.create(url);
    }

    /** Sends until a 200; returns when it came (System.nanoTime()). */
    public long post(String idempotencyKey, String json) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        String last = "nothing tried";
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200) {
                    return System.nanoTime();
                }
                if (reply.statusCode() != 503) {
                    throw new IllegalStateException("the source refused " + idempotencyKey + ": HTTP "
                            + reply.statusCode() + " " + reply.body());
                }
                last = "HTTP 503 " + reply.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("no node took " + idempotencyKey + " within " + GIVE_UP_AFTER.toSeconds()
                + " s; last: " + last);
    }
}
