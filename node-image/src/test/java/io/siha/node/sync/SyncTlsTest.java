package io.siha.node.sync;

import io.siha.node.testing.CapturedStderr;
import io.siha.node.testing.IssuedCertificate;
import io.siha.node.testing.IssuedCertificate.KeyEncoding;
import io.siha.node.testing.TestCa;
import io.siha.node.testing.TestCa.KeyType;
import io.siha.node.tls.TlsContexts;
import io.siha.node.tls.TlsDirectory;
import io.siha.node.tls.TlsMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.siha.node.sync.SyncReplicationTest.address;
import static io.siha.node.sync.TestEvents.range;
import static io.siha.node.sync.TestEvents.replicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event sync over mutual TLS on loopback: the pair replicates as before, and a peer TLS does not admit (another
 * CA's certificate, or no TLS at all) never reaches the sync protocol, with a log line saying why on the refusing side.
 */
class SyncTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Short, so that refusing a plain peer, which waits for us to speak, takes no five seconds. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);
    private static final TestCa PAIR_CA = TestCa.create("orders-sync-ca");
    private static final TestCa FOREIGN_CA = TestCa.create("someone-elses-ca");

    @TempDir
    Path temp;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final PassiveQueue queue = new PassiveQueue(10_000);
    private final RecordingListener listener = new RecordingListener();
    private CapturedStderr log;

    @BeforeEach
    void captureLog() {
        log = new CapturedStderr();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        log.close();
    }

    @ParameterizedTest(name = "passive with an {0} key")
    @EnumSource(KeyType.class)
    void thePairReplicatesOverMutualTls(KeyType passiveKey) {
        SyncServer passive = server(tls("passive", PAIR_CA.issue("orders-sync", passiveKey), PAIR_CA));
        SyncClient active = client(tls("active", PAIR_CA.issue("orders-sync", KeyType.EC), PAIR_CA));
        active.connectTo(address(passive.port()));

        replicate(active, 1, 500);

        await().atMost(WAIT).until(() -> active.ackedSeq() == 500);
        assertThat(queue.eventsAfter(0)).isEqualTo(range(1, 500));
        assertThat(listener.connectionChanges).containsExactly(true);
        assertThat(passive.connected()).isTrue();
    }

    @Test
    void anActiveWithACertificateOfAnotherCaIsRefusedByThePassive() {
        SyncServer passive = server(tls("passive", PAIR_CA.issue("orders-sync", KeyType.EC), PAIR_CA));
        // It even trusts our CA: what it lacks is a certificate our CA signed.
        SyncClient intruder = client(tls("intruder", FOREIGN_CA.issue("orders-sync", KeyType.EC), PAIR_CA));
        intruder.connectTo(address(passive.port()));
        intruder.replicate(TestEvents.event(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(log.text())
                .contains("sync connection from /127.0.0.1:")
                .contains("refused: the peer presented no certificate signed by a trusted CA (ca.crt)")
                .contains("sync connection to passive /127.0.0.1:" + passive.port() + " closed: the peer refused the"
                        + " TLS session (Received fatal alert: bad_certificate)"));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !intruder.connected());
        assertThat(listener.connectionChanges).isEmpty();
        assertThat(queue.lastSeq()).isZero();
        assertThat(passive.highestEpochSeen()).isZero();
        assertThat(log.text()).doesNotContain("PRIVATE KEY", "BEGIN CERTIFICATE");
    }

    @Test
    void aPassiveWithACertificateOfAnotherCaGetsNoEventsFromTheActive() {
        // A node posing as the passive (say, at an address taken over in the member table): TLS stops the active.
        SyncServer impostor = server(tls("impostor", FOREIGN_CA.issue("orders-sync", KeyType.RSA), PAIR_CA));
        SyncClient active = client(tls("active", PAIR_CA.issue("orders-sync", KeyType.EC), PAIR_CA));
        active.connectTo(address(impostor.port()));
        active.replicate(TestEvents.event(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(log.text())
                .contains("sync connection to passive /127.0.0.1:" + impostor.port() + " closed: the peer's"
                        + " certificate is not signed by a trusted CA (ca.crt)"));
        assertThat(active.connected()).isFalse();
        assertThat(queue.lastSeq()).isZero();
    }

    @Test
    void aPlainActiveIsRefusedWhenItSaysNothingWithinTheHandshakeTimeout() {
        SyncServer passive = server(tls("passive", PAIR_CA.issue("orders-sync", KeyType.EC), PAIR_CA));
        // The plain client waits four times as long for its WELCOME as the passive for a TLS handshake: with equal
        // timeouts the two timers raced, and on a loaded machine the client hung up first.
        SyncClient plain = client(TestSettings.node("plain-active"), HANDSHAKE_TIMEOUT.multipliedBy(4));
        plain.connectTo(address(passive.port()));
        plain.replicate(TestEvents.event(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(log.text())
                .contains("refused: no TLS handshake in time")
                .contains("a peer without TLS waits for this node to speak first"));
        assertThat(plain.connected()).isFalse();
        assertThat(queue.lastSeq()).isZero();
    }

    @Test
    void aPlainPeerThatSpeaksTheSyncProtocolIsRefusedAtItsFirstBytes() {
        SyncServer passive = server(tls("passive", PAIR_CA.issue("orders-sync", KeyType.EC), PAIR_CA));

        try (RawPeer plain = new RawPeer(passive.port())) {
            plain.send(new Frame.Hello(TestSettings.GROUP, "plain", 9, new byte[32]));

            assertThat(plain.awaitClosed()).as("no REFUSED frame: the passive speaks only TLS").isNull();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(log.text())
                .contains("refused: the peer does not speak TLS (plain TCP or plain HTTP on a TLS port)"));
        assertThat(passive.highestEpochSeen()).isZero();
    }

    @Test
    void anActiveWithTlsRefusesAPlainPassive() {
        SyncServer plainPassive = server(TestSettings.node("plain-passive"));
        SyncClient active = client(tls("active", PAIR_CA.issue("orders-sync", KeyType.EC), PAIR_CA));
        active.connectTo(address(plainPassive.port()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(log.text())
                .contains("sync connection to passive /127.0.0.1:" + plainPassive.port()
                        + " closed: the peer does not speak TLS"));
        assertThat(active.connected()).isFalse();
    }

    @Test
    void insideTlsTheHandshakeStillProvesTheSharedSecret() {
        SyncServer passive = server(tls("passive", PAIR_CA.issue("orders-sync", KeyType.EC), PAIR_CA));
        SyncSettings wrongSecret = new SyncSettings(TestSettings.GROUP, "active",
                "an-entirely-different-secret".getBytes(StandardCharsets.UTF_8), 100, TestSettings.MAX_FRAME_BYTES)
                .withTls(tls("active", PAIR_CA.issue("orders-sync", KeyType.EC), PAIR_CA).tls().orElseThrow());
        SyncClient active = client(wrongSecret);
        active.connectTo(address(passive.port()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(log.text())
                .contains("closed: the handshake proof does not match the shared secret"));
        assertThat(active.connected()).isFalse();
    }

    /** Test settings for {@code nodeId} over mutual TLS with {@code certificate}, trusting {@code trusted}. */
    private SyncSettings tls(String nodeId, IssuedCertificate certificate, TestCa trusted) {
        Path dir = certificate.writeTo(temp.resolve(nodeId), KeyEncoding.PKCS1);
        try {
            Files.writeString(dir.resolve("ca.crt"), IssuedCertificate.pem(trusted.certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TlsMaterial material = TlsDirectory.withCa(dir);
        return TestSettings.node(nodeId).withTls(new SyncTls(TlsContexts.mutualServer(material),
                TlsContexts.mutualClient(material)));
    }

    private SyncServer server(SyncSettings settings) {
        SyncServer server = new SyncServer(settings, queue, HANDSHAKE_TIMEOUT);
        resources.add(server);
        server.start("127.0.0.1", 0);
        return server;
    }

    private SyncClient client(SyncSettings settings) {
        return client(settings, HANDSHAKE_TIMEOUT);
    }

    private SyncClient client(SyncSettings settings, Duration handshakeTimeout) {
        SyncClient client = new SyncClient(settings, 5, listener, handshakeTimeout);
        resources.add(client);
        return client;
    }
}
