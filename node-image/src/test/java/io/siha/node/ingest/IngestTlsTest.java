package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.node.http.HttpServer;
import io.siha.node.testing.CapturedStderr;
import io.siha.node.testing.IssuedCertificate.KeyEncoding;
import io.siha.node.testing.TestCa;
import io.siha.node.testing.TestCa.KeyType;
import io.siha.node.tls.TlsContexts;
import io.siha.node.tls.TlsDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The HTTP ingest port with TLS over real sockets: HTTPS only, and the app's count shows what was taken. */
class IngestTlsTest {

    private static final TestCa CA = TestCa.create("ingest-ca");
    private static final String EVENT = "{\"$id\":\"e-1\",\"region\":\"eu\",\"amount\":1}";
    private static final String ORDERS = "/v1/apps/Counter/streams/Orders";

    @TempDir
    Path temp;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SampleAppTarget target = new SampleAppTarget();
    private HttpServer server;
    private CapturedStderr log;

    @BeforeEach
    void open() {
        log = new CapturedStderr();
        // ca.crt left out: the ingest port asks clients for no certificate, so it needs none (ACME issuers write none).
        Path dir = CA.issue("orders.example.com", KeyType.RSA).writeTo(temp.resolve("ingest"), KeyEncoding.PKCS1);
        server = IngestServer.open(group, "127.0.0.1", 0, Optional.empty(),
                Optional.of(TlsContexts.server(TlsDirectory.withoutCa(dir))), target);
    }

    @AfterEach
    void close() {
        server.close();
        target.close();
        group.shutdownGracefully();
        log.close();
    }

    @Test
    void aClientTrustingTheCaIsAcknowledgedOverHttps() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(CA.trustingClientContext()).build();

        HttpResponse<String> response = trusting.send(request("https", EVENT), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(target.counted()).isEqualTo(1);
    }

    @Test
    void plainHttpOnTheTlsPortFailsAndTakesNothing() {
        HttpClient plain = HttpClient.newHttpClient();

        assertThatThrownBy(() -> plain.send(request("http", EVENT), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.text())
                .contains("HTTP ingest connection from /127.0.0.1:")
                .contains("refused: the peer does not speak TLS (plain TCP or plain HTTP on a TLS port)"));
        assertThat(target.counted()).isZero();
    }

    @Test
    void aTcpHealthCheckThatHangsUpIsNoRefusalWorthAWarning() throws Exception {
        // A load balancer's TCP check connects and closes without a byte; then a plain HTTP client really is refused.
        new java.net.Socket("127.0.0.1", server.port()).close();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request("http", EVENT),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

        // One event loop serves both connections in order: once the second is logged, the first was handled.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.text()).contains("refused"));
        assertThat(log.text().lines().filter(line -> line.contains("refused"))).singleElement().asString()
                .contains("the peer does not speak TLS");
    }

    @Test
    void aClientThatDoesNotTrustTheCaRefusesTheServer() {
        HttpClient untrusting = HttpClient.newBuilder().sslContext(TestCa.create("other-ca").trustingClientContext())
                .build();

        assertThatThrownBy(() -> untrusting.send(request("https", EVENT), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(target.counted()).isZero();
    }

    private HttpRequest request(String scheme, String body) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + ORDERS))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
