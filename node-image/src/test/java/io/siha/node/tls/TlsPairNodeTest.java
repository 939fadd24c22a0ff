package io.siha.node.tls;

import io.siha.api.NodeEnv;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.IssuedCertificate.KeyEncoding;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.NodeProcesses;
import io.siha.node.testing.TestCa;
import io.siha.node.testing.TestCa.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Real node processes with SIHA_SYNC_TLS_DIR and SIHA_INGEST_TLS_DIR, both nodes given the same directories as the
 * operator mounts one Secret into both pods: the pair replicates over mutual TLS (an acknowledged event survives the
 * active's SIGKILL), ingest speaks HTTPS only, and a broken directory stops a node at start.
 */
class TlsPairNodeTest {

    private static final TestCa CA = TestCa.create("tls-pair-ca");
    private static final int EVENTS = 50;

    @TempDir
    Path temp;

    @Test
    void aPairReplicatesOverMutualTlsAndServesHttpsIngestAcrossAFailover() throws Exception {
        Path sync = CA.issue("tls-pair-sync", KeyType.RSA).writeTo(temp.resolve("sync"), KeyEncoding.PKCS1);
        Path ingest = CA.issue("tls-pair-ingest", KeyType.EC).writeTo(temp.resolve("ingest"), KeyEncoding.PKCS1);
        HttpClient https = HttpClient.newBuilder().sslContext(CA.trustingClientContext())
                .connectTimeout(Duration.ofSeconds(2)).build();
        try (LocalPair pair = LocalPair.builder("tls-pair").heartbeatMs(200).persistIntervalMs(60_000)
                .env(NodeEnv.SYNC_TLS_DIR, sync.toString()).env(NodeEnv.INGEST_TLS_DIR, ingest.toString())
                .build().start()) {
            // Whole: the passive is connected, so TLS and the shared-secret handshake both passed.
            LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
            for (int batch = 0; batch < EVENTS / 10; batch++) {
                assertThat(https.send(post(active, "https", "/streams/Orders", events(batch * 10, 10)),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(post(active, "http", "/streams/Orders",
                    events(EVENTS, 1)), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

            // Each acknowledgement waited for the passive to hold the event: it came over TLS, and survives this.
            active.kill();
            LocalNode next = pair.other(active);
            await().atMost(Duration.ofSeconds(30)).until(next::isReadyActive);
            HttpResponse<String> count = https.send(post(next, "https", "/query", "from Totals select events"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(count.body()).isEqualTo("[[" + EVENTS + "]]");
            assertThat(Files.readString(active.log())).contains("over mutual TLS");
            assertThat(Files.readString(next.log())).contains("(mutual TLS)", "admitted");
        }
    }

    @Test
    void aNodeWhoseTlsDirectoryLacksTheCaDoesNotStartAndSaysWhy() throws Exception {
        Path sync = CA.issue("tls-pair-sync", KeyType.EC).writeTo(temp.resolve("sync"), KeyEncoding.PKCS8);
        Files.delete(sync.resolve("ca.crt"));
        Map<String, String> env = new HashMap<>();
        env.put(NodeEnv.CLUSTER_GROUP, "tls-bad");
        env.put(NodeEnv.NODE_ID, "tls-bad-0");
        env.put(NodeEnv.CLUSTER_DB_URL, "jdbc:postgresql://127.0.0.1:1/never-reached");
        env.put(NodeEnv.DB_USER, "siha");
        env.put(NodeEnv.ADVERTISED_HOST, "127.0.0.1");
        env.put(NodeEnv.SYNC_SECRET, "0123456789abcdef-sync");
        env.put(NodeEnv.SYNC_TLS_DIR, sync.toString());

        Process process = NodeProcesses.start("tls-bad", env, "run");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(NodeProcesses.log("tls-bad")).contains("invalid node configuration")
                .contains("SIHA_SYNC_TLS_DIR=" + sync + ": " + sync.resolve("ca.crt") + " does not exist");
    }

    private static HttpRequest post(LocalNode node, String scheme, String path, String body) {
        int port = URI.create(node.ingestUrl()).getPort();
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/v1/apps/Counter" + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String events(int first, int count) {
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (int i = first; i < first + count; i++) {
            json.add("{\"$id\":\"tls-" + i + "\",\"region\":\"eu\",\"amount\":1}");
        }
        return json.toString();
    }
}
