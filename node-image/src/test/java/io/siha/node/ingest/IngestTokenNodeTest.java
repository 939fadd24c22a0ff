package io.siha.node.ingest;

import io.siha.api.NodeEnv;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.LocalPair;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real pair started with {@code SIHA_INGEST_TOKEN}: the active's ingest port asks for the token, while its REST port
 * (which the kubelet probes and Prometheus scrape without credentials) keeps answering.
 */
class IngestTokenNodeTest {

    private static final String TOKEN = "node-ingest-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theActiveAsksForTheTokenOnIngestAndNotOnRest() throws Exception {
        try (LocalPair pair = new LocalPair("ingest-token", 200, 500, Map.of(NodeEnv.INGEST_TOKEN, TOKEN)).start()) {
            // awaitActive reads /v1/status on the REST port without any token: that it returns at all is the check.
            LocalNode active = pair.awaitActive();
            assertThat(active.status()).hasValueSatisfying(s -> assertThat(s.path("ready").asBoolean()).isTrue());

            String events = active.ingestUrl() + "/v1/apps/Counter/streams/Orders";
            String event = "{\"$id\":\"e-1\",\"region\":\"eu\",\"amount\":1}";
            assertThat(post(events, event, null).statusCode()).isEqualTo(401);
            assertThat(post(events, event, "Bearer " + TOKEN).statusCode()).isEqualTo(200);

            HttpResponse<String> count = post(active.ingestUrl() + "/v1/apps/Counter/query",
                    "from Totals select events", "Bearer " + TOKEN);
            assertThat(count.statusCode()).isEqualTo(200);
            assertThat(count.body()).as("only the authenticated event was taken").isEqualTo("[[1]]");
        }
    }

    private HttpResponse<String> post(String url, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
