package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.node.http.HttpServer;
import io.siha.node.net.PortLimits;
import io.siha.node.metrics.NodeMetrics;
import io.siha.node.rest.MetricsPage;
import io.siha.node.rest.RestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP ingest attacks of issue 11, scaled to seconds, each against a port laid out as the node lays it out (the
 * ingest port on a 2-thread group, REST on its own loop): the attack is refused or cut off, and a normal client is
 * served within a second throughout, over ingest and REST.
 */
class HttpIngestFloodTest {

    private static final String TOKEN = "flood-test-token-0123456789";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final int FOUR_MIB = 4 * 1024 * 1024;

    private final EventLoopGroup ingestGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SampleAppTarget target = new SampleAppTarget();
    private final HttpServer rest = RestServer.open("127.0.0.1", 0, () -> {
        throw new IllegalStateException("/healthz needs no status");
    }, new MetricsPage(NodeMetrics.create("flood", "flood-0")));
    private final List<Socket> attackers = new ArrayList<>();
    private HttpServer ingest;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : attackers) {
            socket.close();
        }
        ingest.close();
        rest.close();
        target.close();
        ingestGroup.shutdownGracefully();
    }

    private void open(PortLimits limits) {
        ingest = IngestServer.open(ingestGroup, "127.0.0.1", 0, Optional.of(TOKEN), Optional.empty(), limits, target);
    }

    private Socket attacker() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingest.port());
        attackers.add(socket);
        return socket;
    }

    private void normalClientIsServed() throws IOException {
        NormalClient.postsOverHttp(ingest.port(), BEARER);
        NormalClient.probesRest(rest.port());
    }

    /**
     * 250 connections claim a 4 MiB body without a token and hold it after its first 16 KiB. Before, the body was
     * aggregated before the token was checked: no answer came until the whole body had, and 250 of them exhausted
     * direct memory. Now each head gets its 401 at once and the connection is closed; nothing of a body is kept.
     */
    @Test
    void unauthenticatedHeadsClaimingLargeBodiesGet401BeforeTheBodyAndAreClosed() throws Exception {
        open(PortLimits.INGEST);
        String head = "POST /v1/apps/Counter/streams/Orders HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + FOUR_MIB + "\r\n\r\n";
        byte[] bodyStart = new byte[16 * 1024];
        List<Socket> flood = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Socket socket = attacker();
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bodyStart);
            flood.add(socket);
            if (i % 50 == 0) {
                normalClientIsServed();
            }
        }
        normalClientIsServed();
        for (Socket socket : flood) {
            socket.setSoTimeout(2_000);
            String reply = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(reply).as("the answer to a head without the token, its body unsent").isEqualTo("HTTP/1.1 401");
        }
        for (Socket socket : flood) {
            assertThat(SocketEnd.closedWithin(socket, Duration.ofSeconds(3))).as("closed after its 401").isTrue();
        }
        normalClientIsServed();
        assertThat(target.counted()).as("only the normal client's events").isEqualTo(7);
    }

    /**
     * Connections beyond the port's cap are closed as soon as they are accepted; the connections already open, a
     * normal client's among them, go on being served, and once the flood is gone new clients are served again.
     */
    @Test
    void connectionsBeyondTheCapAreClosedAtOnceWhileOpenOnesAreServed() throws Exception {
        open(PortLimits.INGEST.withMaxConnections(32));
        try (KeepAliveHttp normal = new KeepAliveHttp(ingest.port())) {
            normal.readTimeout(1_000);
            assertThat(normal.exchange(orders()).status()).isEqualTo(200);
            List<Socket> flood = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                flood.add(attacker());
            }
            int closed = 0;
            for (Socket socket : flood) {
                if (SocketEnd.closedWithin(socket, Duration.ofMillis(20))) {
                    closed++;
                }
            }
            assertThat(closed).as("connections closed by the cap of 32, one of them the normal client's")
                    .isGreaterThanOrEqualTo(200 - 31);
            assertThat(ingest.openConnections()).isLessThanOrEqualTo(32);
            assertThat(normal.exchange(orders()).status()).as("an open connection is still served").isEqualTo(200);
            NormalClient.probesRest(rest.port());
            for (Socket socket : flood) {
                socket.close();
            }
        }
        awaitOpenConnections(0);
        normalClientIsServed();
    }

    /**
     * 100 idle connections and 100 slowloris ones, which send a header a byte every 100 ms: before, all stayed open
     * (and took places under any cap for ever). Now the idle ones are closed after the idle timeout and the slow ones
     * after the read timeout, while a normal client is served throughout.
     */
    @Test
    void idleAndSlowlorisConnectionsAreClosedByTheTimeouts() throws Exception {
        open(PortLimits.INGEST.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        List<Socket> idle = new ArrayList<>();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            idle.add(attacker());
            Socket socket = attacker();
            socket.getOutputStream().write("POST /v1/apps/Counter/streams/Orders HTTP/1.1\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII));
            slow.add(socket);
        }
        long started = System.nanoTime();
        int slowOpen = slow.size();
        while (slowOpen > 0 && System.nanoTime() - started < Duration.ofSeconds(5).toNanos()) {
            slowOpen = 0;
            for (Socket socket : slow) {
                try {
                    socket.getOutputStream().write('a');
                    slowOpen++;
                } catch (IOException e) {
                    // closed by the node: what the test waits for
                }
            }
            normalClientIsServed();
            Thread.sleep(100);
        }
        assertThat(slowOpen).as("slowloris connections still open after 5 s (read timeout 1 s)").isZero();
        for (Socket socket : idle) {
            assertThat(SocketEnd.closedWithin(socket, Duration.ofSeconds(1)))
                    .as("an idle connection (idle timeout 1 s)").isTrue();
        }
        awaitOpenConnections(0);
        normalClientIsServed();
    }

    private static String orders() {
        return KeepAliveHttp.post("/v1/apps/Counter/streams/Orders", BEARER, "{\"region\":\"eu\",\"amount\":1}");
    }

    private void awaitOpenConnections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ingest.openConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ingest.openConnections()).isEqualTo(expected);
    }
}
