package io.siha.node.ingest;

import io.siha.api.NodeEnv;
import io.siha.client.RefusalCode;
import io.siha.client.RefusedException;
import io.siha.client.SiHaClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.LocalPair;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binary ingest port of a real pair started with {@code SIHA_INGEST_TOKEN}: open on the active only, behind the
 * same token as HTTP, and what it acknowledges is what the app counts and the node's counters report.
 */
class BinaryIngestNodeTest {

    private static final String TOKEN = "binary-node-token-0123456789";

    @Test
    void theActiveTakesBinaryIngestWithTheTokenOnlyAndThePassiveKeepsThePortClosed() throws Exception {
        try (LocalPair pair = new LocalPair("binary-ingest", 200, 500, Map.of(NodeEnv.INGEST_TOKEN, TOKEN)).start()) {
            LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
            LocalNode passive = pair.other(active);
            List<String> both = List.of(active.binaryIngestAddress(), passive.binaryIngestAddress());

            int passivePort = Integer.parseInt(passive.binaryIngestAddress().split(":")[1]);
            assertThatThrownBy(() -> new Socket("127.0.0.1", passivePort).close())
                    .as("the passive's binary ingest port is closed").isInstanceOf(ConnectException.class);

            for (String token : new String[] {null, "wrong-token"}) {
                try (SiHaClient client = SiHaClient.builder().endpoints(both).bearerToken(token).build()) {
                    assertThatThrownBy(() -> client.send("Counter", "Orders", "refused", "eu", 1L).join())
                            .isInstanceOf(CompletionException.class).cause().isInstanceOf(RefusedException.class)
                            .satisfies(e -> assertThat(((RefusedException) e).code())
                                    .isEqualTo(RefusalCode.UNAUTHORIZED));
                }
            }

            try (SiHaClient client = SiHaClient.builder().endpoints(both).bearerToken(TOKEN).build()) {
                List<CompletableFuture<Void>> acked = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    acked.add(client.send("Counter", "Orders", "binary-" + i, "eu", (long) i));
                }
                // Repeats of seen ids are acknowledged and not counted again.
                for (int i = 0; i < 50; i++) {
                    acked.add(client.send("Counter", "Orders", "binary-" + i, "eu", (long) i));
                }
                acked.forEach(CompletableFuture::join);
            }

            assertThat(count(active)).as("the app counts each acknowledged id once").isEqualTo("[[500]]");
            assertThat(active.status()).hasValueSatisfying(s -> assertThat(s.path("eventsIn").asLong())
                    .as("binary ingest in the node's events-in counter, as HTTP ingest is").isEqualTo(550));
        }
    }

    private static String count(LocalNode active) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(active.ingestUrl() + "/v1/apps/Counter/query"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("from Totals select events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        return reply.body();
    }
}
