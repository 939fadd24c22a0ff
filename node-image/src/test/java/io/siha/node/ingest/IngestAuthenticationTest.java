package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.node.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP ingest port with and without a bearer token, over real sockets; the app's count shows what was taken. */
class IngestAuthenticationTest {

    private static final String TOKEN = "ingest-token-0123456789";
    private static final String EVENT = "{\"region\":\"eu\",\"amount\":1}";
    private static final String ORDERS = "/v1/apps/Counter/streams/Orders";
    private static final String QUERY = "/v1/apps/Counter/query";

    private final HttpClient http = HttpClient.newHttpClient();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SampleAppTarget target = new SampleAppTarget();
    private HttpServer server;

    @AfterEach
    void close() {
        server.close();
        target.close();
        group.shutdownGracefully();
    }

    private void open(Optional<String> token) {
        server = IngestServer.open(group, "127.0.0.1", 0, token, target);
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withNoTokenConfiguredThePortIsOpen() throws Exception {
        open(Optional.empty());
        assertThat(post(ORDERS, EVENT, null).statusCode()).isEqualTo(200);
        assertThat(post(ORDERS, EVENT, "Bearer whatever-the-client-sends").statusCode()).isEqualTo(200);
        assertThat(target.counted()).isEqualTo(2);
    }

    @Test
    void aRequestWithoutTheTokenGets401AskingForItAndNothingIsTaken() throws Exception {
        open(Optional.of(TOKEN));
        HttpResponse<String> refused = post(ORDERS, EVENT, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue(BearerTokenCheck.CHALLENGE);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(refused.body()).isEqualTo(
                "{\"error\":\"this port requires a token: send the header 'Authorization: Bearer <token>'\"}");
        assertThat(post(ORDERS, EVENT, "Basic " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(target.counted()).isZero();
    }

    @Test
    void aWrongTokenGets401WithoutEchoingItAndNothingIsTaken() throws Exception {
        open(Optional.of(TOKEN));
        HttpResponse<String> refused = post(ORDERS, EVENT, "Bearer " + TOKEN.replace('0', '1'));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue(BearerTokenCheck.INVALID_TOKEN_CHALLENGE);
        assertThat(refused.body()).isEqualTo("{\"error\":\"the bearer token is not accepted\"}")
                .doesNotContain(TOKEN).doesNotContain(TOKEN.replace('0', '1'));
        assertThat(target.counted()).isZero();
    }

    @Test
    void theRightTokenIsAcknowledgedAndCounted() throws Exception {
        open(Optional.of(TOKEN));
        HttpResponse<String> taken = post(ORDERS, EVENT, "Bearer " + TOKEN);
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).isEqualTo("{\"acknowledged\":1}");
        assertThat(target.counted()).isEqualTo(1);
    }

    @Test
    void theQueryEndpointAndUnknownPathsAskForTheTokenToo() throws Exception {
        open(Optional.of(TOKEN));
        assertThat(post(QUERY, "from Totals select *", null).statusCode()).isEqualTo(401);
        assertThat(post(QUERY, "from Totals select *", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        // Without the token a client cannot even learn which apps and streams exist.
        assertThat(post("/v1/apps/Nope/streams/Orders", EVENT, null).statusCode()).isEqualTo(401);
        assertThat(post("/v1/apps/Nope/streams/Orders", EVENT, "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }
}
