package io.siha.node.ingest;

import io.siha.client.ClientEvent;
import io.siha.client.IngestFrame;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A well-behaved client, used while a test attacks a port: each check must be answered within {@link #WITHIN} on a
 * fresh connection, or the attack has starved the node.
 */
final class NormalClient {

    static final Duration WITHIN = Duration.ofSeconds(1);
    private static final AtomicLong IDS = new AtomicLong();

    private NormalClient() {
    }

    /** One event over HTTP on a new connection: acknowledged within a second. */
    static void postsOverHttp(int port, String authorization) throws IOException {
        long started = System.nanoTime();
        try (KeepAliveHttp connection = new KeepAliveHttp(port)) {
            connection.readTimeout((int) WITHIN.toMillis());
            KeepAliveHttp.Response answer = connection.exchange(KeepAliveHttp.post("/v1/apps/Counter/streams/Orders",
                    authorization, "{\"region\":\"eu\",\"amount\":1,\"$id\":\"normal-" + IDS.incrementAndGet()
                            + "\"}"));
            assertThat(answer.status()).as("the normal client's batch: %s", answer.body()).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WITHIN);
    }

    /** {@code GET /healthz} on the REST port: answered within a second. */
    static void probesRest(int restPort) throws IOException {
        long started = System.nanoTime();
        try (KeepAliveHttp connection = new KeepAliveHttp(restPort)) {
            connection.readTimeout((int) WITHIN.toMillis());
            KeepAliveHttp.Response answer = connection.exchange(
                    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(answer.status()).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WITHIN);
    }

    /** One batch over the binary port on a new connection: acknowledged within a second. */
    static void sendsOverBinary(int port, String token) throws IOException {
        long started = System.nanoTime();
        try (RawIngestConnection connection = RawIngestConnection.admitted(port, token)) {
            connection.readTimeout((int) WITHIN.toMillis());
            long requestId = IDS.incrementAndGet();
            connection.write(new IngestFrame.Events(requestId, "Counter", "Orders",
                    List.of(ClientEvent.of("normal-" + requestId, "eu", 1L))));
            assertThat(connection.read()).isEqualTo(new IngestFrame.Ack(requestId, 1));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WITHIN);
    }
}
