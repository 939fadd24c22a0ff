package io.siha.node.secrets;

import io.siha.api.NodeEndpoints;
import io.siha.api.NodeEnv;
import io.siha.node.demo.Demo;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.PairEnvironment;
import io.siha.node.testing.FreePort;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.NodeProcesses;
import io.siha.node.testing.PasswordLogin;
import io.siha.node.testing.SecretLeakScanner;
import io.siha.node.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real pair with known, distinctive secrets (a database password the server checks, the sync secret, the ingest
 * token), driven through start, ingest with right and wrong tokens, bad requests, a SIGKILL failover and nodes that
 * refuse their configuration or cannot log in; then everything the processes wrote, the REST status and metrics and
 * every HTTP reply are searched for each secret, as is and base64, hex or URL encoded.
 */
class SecretsStayOutOfNodeOutputTest {

    private static final Logger log = LoggerFactory.getLogger(SecretsStayOutOfNodeOutputTest.class);

    private static final String DB_USER = "siha_secret_test";
    private static final String DB_PASSWORD = "pg-pass-Q7x2Lm9Vw4Kd";
    private static final String SYNC_SECRET = "sync-secret-H5k8Rt3Np6Zc";
    private static final String INGEST_TOKEN = "ingest-token-B9v4Yq2Ws7Jd";
    /** What a client may send by mistake; the node must not echo it either. */
    private static final String WRONG_TOKEN = "ingest-token-B9v4Yq2Ws7Jx";
    private static final String WRONG_DB_PASSWORD = "pg-wrong-E3u6Ia8Ko1Tf";
    private static final String SHORT_TOKEN = "tok-F4g7Hj2";
    private static final String SHORT_SYNC_SECRET = "sync-P3r8Wq";
    private static final String URL_PASSWORD = "url-pass-M2n5Bx8CvLp";
    private static final String EVENTS = "/v1/apps/Counter/streams/Orders";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Every reply body, status and metrics text, with where it came from. */
    private final Map<String, String> replies = new HashMap<>();
    private final List<Path> logs = new ArrayList<>();

    @Test
    void noSecretAppearsInLogsRepliesStatusOrMetrics() throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        try (TestDatabase db = TestDatabase.startNew()) {
            PasswordLogin.create(db, DB_USER, DB_PASSWORD);
            Map<String, String> secrets = Map.of(NodeEnv.DB_USER, DB_USER, NodeEnv.DB_PASSWORD, DB_PASSWORD,
                    NodeEnv.SYNC_SECRET, SYNC_SECRET, NodeEnv.INGEST_TOKEN, INGEST_TOKEN);
            try (LocalPair pair = LocalPair.builder("secrets-" + run).database(db).env(secrets).build().start()) {
                pair.nodes().forEach(node -> logs.add(node.log()));
                LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
                driveTheActive(active, "first active");
                collectRest(pair.nodes(), "before the failover");

                active.kill();
                LocalNode survivor = pair.other(active);
                await("the passive takes over").atMost(Duration.ofSeconds(30)).until(survivor::isReadyActive);
                driveTheActive(survivor, "new active");
                active.start(); // rejoins as the passive, its log appended to
                pair.awaitWhole(Duration.ofSeconds(60));
                collectRest(pair.nodes(), "after the failover");
            }
            startRefused("secrets-short-token-" + run, configNode(db).with(NodeEnv.INGEST_TOKEN, SHORT_TOKEN),
                    "SIHA_INGEST_TOKEN is too short");
            startRefused("secrets-short-sync-" + run, configNode(db).with(NodeEnv.SYNC_SECRET, SHORT_SYNC_SECRET),
                    "SIHA_SYNC_SECRET is too short");
            startRefused("secrets-bad-url-" + run, configNode(db).with(NodeEnv.CLUSTER_DB_URL,
                    "jdbc:postgresql://db host:5432/siha?user=" + DB_USER + "&password=" + URL_PASSWORD),
                    "SIHA_CLUSTER_DB_URL");
            startUnableToLogIn("secrets-wrong-password-" + run, configNode(db).with(NodeEnv.DB_PASSWORD,
                    WRONG_DB_PASSWORD));
        }

        SecretLeakScanner scanner = new SecretLeakScanner(Map.of("the database password", DB_PASSWORD,
                "the sync secret", SYNC_SECRET, "the ingest token", INGEST_TOKEN,
                "a wrong ingest token a client sent", WRONG_TOKEN, "a wrong database password", WRONG_DB_PASSWORD,
                "a too short ingest token", SHORT_TOKEN, "a too short sync secret", SHORT_SYNC_SECRET,
                "a password in a JDBC URL", URL_PASSWORD));
        for (Path file : logs) {
            scanner.scan("the output of " + file.getFileName(), Files.readString(file));
        }
        replies.forEach(scanner::scan);
        log.info("searched {} characters of output and replies ({} logs, {} replies) for 8 secret values",
                scanner.scannedChars(), logs.size(), replies.size());
        assertThat(scanner.findings()).as("secrets found").isEmpty();
    }

    /** Right and wrong tokens, a bad body, an unknown stream; the right token's events are acknowledged. */
    private void driveTheActive(LocalNode node, String which) throws Exception {
        String events = node.ingestUrl() + EVENTS;
        String event = "{\"$id\":\"" + which + "\",\"region\":\"eu\",\"amount\":1}";
        assertThat(post(which + ": right token", events, event, "Bearer " + INGEST_TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(post(which + ": wrong token", events, event, "Bearer " + WRONG_TOKEN).statusCode())
                .isEqualTo(401);
        assertThat(post(which + ": no token", events, event, null).statusCode()).isEqualTo(401);
        assertThat(post(which + ": token as Basic", events, event, "Basic " + INGEST_TOKEN).statusCode())
                .isEqualTo(401);
        assertThat(post(which + ": query, wrong token", node.ingestUrl() + "/v1/apps/Counter/query",
                "from Totals select *", "Bearer " + WRONG_TOKEN).statusCode()).isEqualTo(401);
        assertThat(post(which + ": bad body", events, "{\"region\":", "Bearer " + INGEST_TOKEN).statusCode())
                .isEqualTo(400);
        assertThat(post(which + ": unknown stream", node.ingestUrl() + "/v1/apps/Counter/streams/Nope", event,
                "Bearer " + INGEST_TOKEN).statusCode()).isEqualTo(404);
    }

    private void collectRest(List<LocalNode> nodes, String when) throws Exception {
        for (LocalNode node : nodes) {
            for (String endpoint : List.of(NodeEndpoints.STATUS, NodeEndpoints.METRICS)) {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(node.restUrl() + endpoint))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(reply.statusCode()).isEqualTo(200);
                replies.put(endpoint + " of " + node.id() + " " + when, reply.body());
            }
        }
    }

    private HttpResponse<String> post(String what, String url, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        replies.put("the reply to " + what + " (headers and body)", reply.headers().map() + "\n" + reply.body());
        return reply;
    }

    /** A node that must refuse its configuration: it exits, naming the variable. */
    private void startRefused(String name, PairEnvironment env, String expected) throws Exception {
        Process node = NodeProcesses.start(name, env.toMap(), "run");
        logs.add(NodeProcesses.logFile(name));
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as(name + " exits").isTrue();
        assertThat(node.exitValue()).isNotZero();
        assertThat(NodeProcesses.log(name)).contains(expected);
    }

    /** A node whose database password is wrong: it runs, cannot log in, and says so. */
    private void startUnableToLogIn(String name, PairEnvironment env) {
        Process node = NodeProcesses.start(name, env.toMap(), "run");
        logs.add(NodeProcesses.logFile(name));
        try {
            await(name + " reports the failed login").atMost(Duration.ofSeconds(60))
                    .until(() -> NodeProcesses.log(name).contains("password authentication failed"));
        } finally {
            NodeProcesses.kill(node);
        }
    }

    /** The environment of a node of another group on the pair's database, with the pair's secrets, on free ports. */
    private static PairEnvironment configNode(TestDatabase db) throws Exception {
        Path apps = Files.createTempDirectory("siha-apps");
        Files.writeString(apps.resolve("counter.siddhi"), Demo.SAMPLE_APP);
        return PairEnvironment.of("secrets-config", db.jdbcUrl(), DB_USER, DB_PASSWORD, apps)
                .with(NodeEnv.SYNC_SECRET, SYNC_SECRET).with(NodeEnv.INGEST_TOKEN, INGEST_TOKEN)
                .with(NodeEnv.NODE_ID, "secrets-config-0")
                .with(NodeEnv.SYNC_PORT, String.valueOf(FreePort.find()))
                .with(NodeEnv.HTTP_INGEST_PORT, String.valueOf(FreePort.find()))
                .with(NodeEnv.BINARY_INGEST_PORT, String.valueOf(FreePort.find()))
                .with(NodeEnv.REST_PORT, String.valueOf(FreePort.find()));
    }
}
