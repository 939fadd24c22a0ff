package io.siha.node.extensions;

import io.netty.handler.ssl.SslContext;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.InvalidAppException;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.source.SourceIntake;
import io.siha.node.testing.FreePort;
import io.siha.node.testing.IssuedCertificate.KeyEncoding;
import io.siha.node.testing.TestCa;
import io.siha.node.testing.TestCa.KeyType;
import io.siha.node.tls.TlsContexts;
import io.siha.node.tls.TlsDirectory;
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
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @source(type='http')} with an {@code https} receiver.url, on the node's ingest certificate: a real HTTPS
 * client that trusts the test CA is answered, a plain-HTTP request to the port is refused, an {@code http} source of
 * the same node stays plain, and a node without ingest TLS refuses the app at start.
 */
class HttpsSourceTest {

    private static final TestCa CA = TestCa.create("https-source-ca");
    private static final String APP = """
            @app:name('Secure')
            @source(type='http', receiver.url='https://127.0.0.1:%1$d/orders', @map(type='json'))
            define stream Orders (region string, amount long);
            """ + MappedApp.counting("Orders");
    private static final String EVENT = "{\"event\":{\"region\":\"eu\",\"amount\":5}}";

    @TempDir
    Path temp;
    private NodeExtensions withIngestTls;

    @BeforeEach
    void ingestCertificate() {
        Path directory = CA.issue("https-source", KeyType.EC).writeTo(temp.resolve("ingest"), KeyEncoding.PKCS1);
        SslContext server = TlsContexts.server(TlsDirectory.withoutCa(directory));
        withIngestTls = new NodeExtensions(Optional.empty(), Optional.of(server), List.of());
    }

    @Test
    void anHttpsSourceAnswersAClientTrustingTheCaAndRefusesPlainHttp() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(CA.trustingClientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (MappedApp app = MappedApp.onFreePort(APP, withIngestTls)) {
            HttpResponse<String> reply = trusting.send(post("https", app.port, "/orders"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"acknowledged\":1}");
            assertThat(app.target.taken()).hasSize(1);

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(post("http", app.port, "/orders"),
                    HttpResponse.BodyHandlers.ofString())).as("plain HTTP to the HTTPS port")
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(post("https", app.port, "/orders"),
                    HttpResponse.BodyHandlers.ofString())).as("a client that does not trust the CA")
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(app.target.taken()).as("neither refused request took an event").hasSize(1);
        }
    }

    @Test
    void anHttpSourceOfANodeWithIngestTlsStaysPlain() throws Exception {
        String plain = APP.replace("https://", "http://");
        try (MappedApp app = MappedApp.onFreePort(plain, withIngestTls)) {
            assertThat(app.post("/orders", EVENT, null).statusCode()).isEqualTo(200);
            assertThat(app.target.taken()).hasSize(1);
        }
    }

    @Test
    void anHttpsSourceOnANodeWithoutIngestTlsStopsTheAppAtStartSayingWhatToSet() {
        int port = FreePort.find();
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("secure.siddhi", APP.formatted(port)))))
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("secure.siddhi")
                .hasMessageContaining("app 'Secure'").hasMessageContaining("https receiver.url")
                .hasMessageContaining("SIHA_INGEST_TLS_DIR").hasMessageContaining("spec.tls.ingest");
    }

    @Test
    void httpAndHttpsSourcesCannotShareAPort() {
        String both = """
                @app:name('Mixed')
                @source(type='http', receiver.url='https://127.0.0.1:%1$d/orders', @map(type='json'))
                define stream Orders (region string, amount long);
                @source(type='http', receiver.url='http://127.0.0.1:%1$d/refunds', @map(type='json'))
                define stream Refunds (region string, amount long);
                """;
        int port = FreePort.find();
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("secure.siddhi", both.formatted(port))),
                new OutputGate(), new SourceIntake(), withIngestTls))
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("not its scheme");
    }

    private static HttpRequest post(String scheme, int port, String path) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(EVENT)).build();
    }
}
