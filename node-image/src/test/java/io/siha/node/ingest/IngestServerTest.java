package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.node.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP ingest port over real sockets, fed good and bad input; the app's count shows what was taken. */
class IngestServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private EventLoopGroup group;
    private SampleAppTarget target;
    private HttpServer server;

    @BeforeEach
    void open() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        target = new SampleAppTarget();
        server = IngestServer.open(group, "127.0.0.1", 0, Optional.empty(), target);
    }

    @AfterEach
    void close() {
        server.close();
        target.close();
        group.shutdownGracefully();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long counted() throws Exception {
        HttpResponse<String> rows = post("/v1/apps/Counter/query", "from Totals select events");
        assertThat(rows.statusCode()).isEqualTo(200);
        return rows.body().equals("[]") ? 0 : Long.parseLong(rows.body().replaceAll("[^0-9]", ""));
    }

    @Test
    void closingTheServerAlsoClosesKeepAliveConnectionsSoNoRequestIsServedAfterwards() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            String body = "{\"region\":\"eu\",\"amount\":1}";
            String request = "POST /v1/apps/Counter/streams/Orders HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] status = socket.getInputStream().readNBytes(15);
            assertThat(new String(status, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
            socket.getInputStream().readNBytes(socket.getInputStream().available());

            server.close();
            assertThat(socket.getInputStream().read()).as("the kept-alive connection is closed").isEqualTo(-1);
        }
    }

    @Test
    void goodEventsAreAcknowledgedAndCounted() throws Exception {
        HttpResponse<String> one = post("/v1/apps/Counter/streams/Orders", "{\"region\":\"eu\",\"amount\":2}");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).isEqualTo("{\"acknowledged\":1}");
        HttpResponse<String> batch = post("/v1/apps/Counter/streams/Orders",
                "[{\"region\":\"eu\",\"amount\":1},{\"region\":\"eu\",\"amount\":1,\"$id\":\"x\"}]");
        assertThat(batch.body()).isEqualTo("{\"acknowledged\":2}");
        assertThat(counted()).isEqualTo(3);
    }

    @Test
    void badRequestsGetAClearErrorAndNothingIsTaken() throws Exception {
        assertThat(post("/v1/apps/Counter/streams/Orders", "{\"region\":")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).startsWith("{\"error\":\"body is not valid JSON");
        });
        assertThat(post("/v1/apps/Counter/streams/Orders",
                "[{\"region\":\"eu\",\"amount\":1},{\"region\":\"eu\",\"amount\":\"one\"}]")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("event 1: attribute 'amount' must be a whole number within 64 bits");
        });
        assertThat(post("/v1/apps/Nope/streams/Orders", "{}")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("unknown app 'Nope'");
        });
        assertThat(post("/v1/apps/Counter/streams/Refunds", "{}")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("unknown stream 'Refunds'");
        });
        assertThat(post("/v2/whatever", "{}").statusCode()).isEqualTo(404);
        assertThat(post("/v1/apps/Counter/query", "from Nowhere select *")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).startsWith("{\"error\":\"query failed: ");
        });
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/v1/apps/Counter/streams/Orders")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        String huge = "[" + "{\"region\":\"eu\",\"amount\":1},".repeat(200_000) + "{\"region\":\"eu\",\"amount\":1}]";
        assertThat(post("/v1/apps/Counter/streams/Orders", huge).statusCode()).isEqualTo(413);
        assertThat(counted()).as("nothing of a refused request was taken").isZero();
    }

    @Test
    void aNodeThatStopsBeingActiveAnswers503AndSaysToRetry() throws Exception {
        target.failSubmits();
        HttpResponse<String> refused = post("/v1/apps/Counter/streams/Orders", "{\"region\":\"eu\",\"amount\":1}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("node is no longer active").contains("retry with the same $id");
    }

    @Test
    void anActiveThatTakesNoEventsForNowAnswers503WithRetryAfter() throws Exception {
        target.pauseSubmits();
        HttpResponse<String> refused = post("/v1/apps/Counter/streams/Orders", "{\"region\":\"eu\",\"amount\":1}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("outputs wait for their receiver").contains("retry with the same $id");
        assertThat(counted()).isZero();
    }

    @Test
    void randomBytesOnTheSocketCloseThatConnectionOnlyAndTheServerKeepsServing() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + random.nextInt(2000)];
            random.nextBytes(garbage);
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                out.write(garbage);
                out.write("\r\n\r\n".getBytes());
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(12);
                if (reply.length > 0) {
                    assertThat(new String(reply)).startsWith("HTTP/1.1 4");
                }
            } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
                // the server closed or ignored the garbage: fine, as long as it keeps serving below
            }
        }
        assertThat(post("/v1/apps/Counter/streams/Orders", "{\"region\":\"eu\",\"amount\":1}").statusCode())
                .isEqualTo(200);
        assertThat(counted()).isEqualTo(1);
    }
}
