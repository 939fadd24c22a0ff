package io.siha.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SiHaClient over HTTP against stand-in ingest ports: the JSON body the node takes, 503 failover, refusals. */
class SiHaClientHttpTest {

    private final List<HttpServer> servers = new ArrayList<>();

    /** A stand-in HTTP ingest port answering every POST with {@code status}; records path, auth header and body. */
    private String endpoint(int status, List<String> requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestURI().getRawPath() + " " + exchange.getRequestHeaders()
                    .getFirst("Authorization") + " " + body);
            byte[] reply = (status == 200 ? "{\"acknowledged\":1}" : "{\"error\":\"status " + status + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
        servers.add(server);
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private static SiHaClient.Builder http(String... endpoints) {
        return SiHaClient.builder().transport(Transport.HTTP).endpoints(endpoints)
                .attributeNames("Counter", "Orders", "region", "amount");
    }

    @Test
    void aBatchIsPostedAsTheJsonTheNodeTakesAndA503MovesItToTheNextEndpointWithTheSameIds() throws Exception {
        List<String> passive = new CopyOnWriteArrayList<>();
        List<String> active = new CopyOnWriteArrayList<>();
        try (SiHaClient client = http(endpoint(503, passive), endpoint(200, active)).bearerToken("t0k").build()) {
            client.sendBatch("Counter", "Orders", List.of(ClientEvent.of("a\"1", "eu\n", 3L),
                    new ClientEvent("b-2", 1_700_000_000_000L, null, 4))).join();
        }
        String expected = "/v1/apps/Counter/streams/Orders Bearer t0k [{\"$id\":\"a\\\"1\",\"region\":\"eu\\n\","
                + "\"amount\":3},{\"$id\":\"b-2\",\"$timestamp\":1700000000000,\"region\":null,\"amount\":4}]";
        assertThat(passive).containsExactly(expected);
        assertThat(active).containsExactly(expected);
    }

    @Test
    void refusalsFailAtOnceWithTheirCode() throws Exception {
        for (int status : List.of(400, 401, 404)) {
            List<String> requests = new CopyOnWriteArrayList<>();
            try (SiHaClient client = http(endpoint(status, requests)).build()) {
                assertThatThrownBy(() -> client.send("Counter", "Orders", "e-1", "eu", 1L).join())
                        .isInstanceOf(CompletionException.class).cause().isInstanceOf(RefusedException.class)
                        .hasMessageContaining(status == 400 ? "(BAD_REQUEST)" : status == 401 ? "(UNAUTHORIZED)"
                                : "(UNKNOWN_STREAM)")
                        .hasMessageEndingWith("HTTP " + status + " {\"error\":\"status " + status + "\"}");
            }
            assertThat(requests).as("not retried").hasSize(1);
        }
    }

    @Test
    void eventsTheJsonBodyCannotCarryAreRefusedBeforeSending() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (SiHaClient client = http(endpoint(200, requests)).build()) {
            assertThatThrownBy(() -> client.send("Counter", "Refunds", "e-1", "eu"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
                            "declare the names of Counter/Refunds with SiHaClient.builder().attributeNames(");
            assertThatThrownBy(() -> client.send("Counter", "Orders", "e-1", "eu"))
                    .hasMessage("Counter/Orders has the attributes [region, amount], got 1 values");
            assertThatThrownBy(() -> client.send("Counter", "Orders", "e-1", "eu", Double.NaN))
                    .hasMessage("attribute 'amount' is NaN, which JSON cannot carry: use the binary transport");
        }
        assertThat(requests).isEmpty();
    }
}
