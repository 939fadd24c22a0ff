package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.siha.client.NotAcknowledgedException;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.testing.IssuedCertificate;
import io.siha.node.testing.IssuedCertificate.KeyEncoding;
import io.siha.node.testing.TestCa;
import io.siha.node.testing.TestCa.KeyType;
import io.siha.node.tls.TlsContexts;
import io.siha.node.tls.TlsDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both ingest ports with the ingest certificate, through {@link SiHaClient}: a client trusting the pair's CA is
 * acknowledged on either transport; a plain client and one trusting another CA are not, and nothing of theirs is
 * taken.
 */
class BinaryIngestTlsTest {

    private static final TestCa CA = TestCa.create("ingest-ca");

    @TempDir
    Path temp;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SampleAppTarget target = new SampleAppTarget();

    @AfterEach
    void close() {
        target.close();
        group.shutdownGracefully();
    }

    private Path certificateDirectory() {
        return CA.issue("localhost", KeyType.EC).writeTo(temp.resolve("ingest"), KeyEncoding.PKCS1);
    }

    @Test
    void theBinaryPortTakesEventsOverTlsFromAClientTrustingTheCaOnly() throws Exception {
        Path dir = certificateDirectory();
        try (BinaryIngestServer server = BinaryIngestServer.open(group, "127.0.0.1", 0, Optional.empty(),
                Optional.of(TlsContexts.server(TlsDirectory.withoutCa(dir))), target)) {
            String endpoint = "127.0.0.1:" + server.port();
            try (SiHaClient trusting = client(endpoint, Transport.BINARY).trustedCertificates(dir.resolve("ca.crt"))
                    .build()) {
                trusting.send("Counter", "Orders", "tls-1", "eu", 1L).get(10, TimeUnit.SECONDS);
            }
            assertThat(target.counted()).isEqualTo(1);

            try (SiHaClient plain = client(endpoint, Transport.BINARY).build()) {
                assertNotAcknowledged(plain);
            }
            Path otherCa = Files.writeString(temp.resolve("other-ca.crt"),
                    IssuedCertificate.pem(TestCa.create("other-ca").certificate()));
            try (SiHaClient untrusting = client(endpoint, Transport.BINARY).trustedCertificates(otherCa).build()) {
                assertNotAcknowledged(untrusting);
            }
            assertThat(target.counted()).as("nothing of the refused clients taken").isEqualTo(1);
        }
    }

    @Test
    void theClientsHttpTransportSpeaksHttpsWhenGivenTheCa() throws Exception {
        Path dir = certificateDirectory();
        var server = IngestServer.open(group, "127.0.0.1", 0, Optional.empty(),
                Optional.of(TlsContexts.server(TlsDirectory.withoutCa(dir))), target);
        try (SiHaClient https = client("127.0.0.1:" + server.port(), Transport.HTTP)
                .attributeNames("Counter", "Orders", "region", "amount")
                .trustedCertificates(dir.resolve("ca.crt")).build()) {
            https.send("Counter", "Orders", "tls-2", "eu", 1L).get(10, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
        assertThat(target.counted()).isEqualTo(1);
    }

    @Test
    void aTrustFileThatIsMissingOrHoldsNoCertificateIsRefusedNamingIt() throws Exception {
        Path missing = temp.resolve("nope.crt");
        Path empty = Files.writeString(temp.resolve("empty.crt"), "not a certificate\n");

        assertThatThrownBy(() -> SiHaClient.builder().trustedCertificates(missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> SiHaClient.builder().trustedCertificates(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(empty.toString());
    }

    private static SiHaClient.Builder client(String endpoint, Transport transport) {
        return SiHaClient.builder().endpoints(endpoint).transport(transport).retryTime(Duration.ofMillis(500))
                .attemptTimeout(Duration.ofSeconds(2));
    }

    private static void assertNotAcknowledged(SiHaClient client) {
        assertThatThrownBy(() -> client.send("Counter", "Orders", "refused", "eu", 1L).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotAcknowledgedException.class);
    }
}
