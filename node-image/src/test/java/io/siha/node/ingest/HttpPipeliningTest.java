package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.node.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.siha.node.ingest.KeepAliveHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipelined requests on one HTTP ingest connection are answered in request order (HTTP/1.1), although a batch's
 * acknowledgement completes later (here 30 ms, on another thread, as the active's waits for the passive) while a bad
 * batch, a query or a 401 could be answered at once. A client that matches responses in order must never take the
 * answer to a later request for the batch's.
 */
class HttpPipeliningTest {

    private static final String TOKEN = "pipelining-token-0123456789";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String ORDERS = "/v1/apps/Counter/streams/Orders";
    private static final int TRIES = 40;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SampleAppTarget app = new SampleAppTarget();
    private final DelayedAckTarget target = new DelayedAckTarget(app, 30);
    private HttpServer server;

    @AfterEach
    void close() {
        server.close();
        app.close();
        group.shutdownGracefully();
    }

    @Test
    void aValidBatchFollowedByAnInvalidOneIsAnsweredFirst() throws Exception {
        server = IngestServer.open(group, "127.0.0.1", 0, Optional.empty(), target);
        for (int i = 0; i < TRIES; i++) {
            try (KeepAliveHttp connection = new KeepAliveHttp(server.port())) {
                connection.write(post(ORDERS, null, "[{\"region\":\"eu\",\"amount\":1,\"$id\":\"ok-" + i + "\"}]")
                        + post(ORDERS, null, "[{\"region\":\"eu\",\"amount\":\"not a number\"}]"));
                KeepAliveHttp.Response first = connection.read();
                KeepAliveHttp.Response second = connection.read();
                assertThat(first.status()).as("try %d: the batch's answer comes first", i).isEqualTo(200);
                assertThat(first.body()).isEqualTo("{\"acknowledged\":1}");
                assertThat(second.status()).as("try %d", i).isEqualTo(400);
            }
        }
        assertThat(app.counted()).isEqualTo(TRIES);
    }

    @Test
    void aQueryAndA401PipelinedBehindABatchWaitTheirTurn() throws Exception {
        server = IngestServer.open(group, "127.0.0.1", 0, Optional.of(TOKEN), target);
        for (int i = 0; i < TRIES; i++) {
            try (KeepAliveHttp connection = new KeepAliveHttp(server.port())) {
                connection.write(post(ORDERS, BEARER, "{\"region\":\"eu\",\"amount\":1}")
                        + post("/v1/apps/Counter/query", BEARER, "from Totals select events")
                        + post(ORDERS, BEARER, "{\"region\":\"eu\",\"amount\":1}")
                        + post(ORDERS, null, "{\"region\":\"eu\",\"amount\":1}"));
                KeepAliveHttp.Response batch = connection.read();
                KeepAliveHttp.Response query = connection.read();
                KeepAliveHttp.Response secondBatch = connection.read();
                KeepAliveHttp.Response unauthorized = connection.read();
                assertThat(batch.status()).as("try %d", i).isEqualTo(200);
                assertThat(batch.body()).isEqualTo("{\"acknowledged\":1}");
                // The query ran after the batch was acknowledged: its count includes it.
                assertThat(query.status()).isEqualTo(200);
                assertThat(query.body()).isEqualTo("[[" + (2 * i + 1) + "]]");
                assertThat(secondBatch.status()).isEqualTo(200);
                assertThat(secondBatch.body()).isEqualTo("{\"acknowledged\":1}");
                assertThat(unauthorized.status()).isEqualTo(401);
                assertThat(unauthorized.close()).as("a 401 closes the connection").isTrue();
                assertThat(connection.closedByServer()).isTrue();
            }
        }
        assertThat(app.counted()).isEqualTo(2L * TRIES);
    }

    @Test
    void aKeptAliveConnectionServesRequestAfterRequest() throws Exception {
        server = IngestServer.open(group, "127.0.0.1", 0, Optional.of(TOKEN), target);
        try (KeepAliveHttp connection = new KeepAliveHttp(server.port())) {
            for (int i = 0; i < 20; i++) {
                KeepAliveHttp.Response answer = connection.exchange(post(ORDERS, BEARER,
                        "{\"region\":\"eu\",\"amount\":1}"));
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.close()).isFalse();
            }
        }
        assertThat(app.counted()).isEqualTo(20);
    }
}
