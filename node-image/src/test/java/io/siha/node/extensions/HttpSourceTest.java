package io.siha.node.extensions;

import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siha.node.engine.AppSource;
import io.siha.node.engine.InvalidAppException;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.source.HaSourceHandlerManager;
import io.siha.node.source.SourceIntake;
import io.siha.node.testing.CapturedStderr;
import io.siha.node.testing.FreePort;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @source(type='http')} on a real engine and the node's source handler, with real HTTP requests: the port opens
 * only with the sources, every event of a 200 is taken once, a retried request with the same {@code Idempotency-Key}
 * is taken once (single and batch), bad bodies get a 4xx and are taken nowhere, a node without a term answers 503,
 * and a source with {@code basic.auth.enabled} answers 401 from the headers alone.
 */
class HttpSourceTest {

    private static final String APP = """
            @app:name('Shop')
            @source(type='http', receiver.url='http://127.0.0.1:%1$d/orders', @map(type='json'))
            define stream Orders (region string, amount long);
            @source(type='http', receiver.url='http://127.0.0.1:%1$d/refunds', @map(type='json',
                @attributes(region='$.refund.region', amount='$.refund.amount')))
            define stream Refunds (region string, amount long);
            """ + MappedApp.counting("Orders", "Refunds");

    @Test
    void thePortOpensOnlyWithTheSourcesAndEveryEventOfA200IsTakenOnce() throws Exception {
        int port = FreePort.find();
        SourceIntake intake = new SourceIntake();
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("shop.siddhi", APP.formatted(port))),
                new OutputGate(), intake)) {
            RecordingTarget target = new RecordingTarget(engine);
            engine.start();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("no port before the sources open")
                    .isInstanceOf(ConnectException.class);
            intake.attach(target);
            engine.startSources();

            List<List<Object>> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> single = Posts.post(port, "/orders", "{\"event\":{\"region\":\"r" + i
                        + "\",\"amount\":" + i + "}}", null);
                assertThat(single.statusCode()).as(single.body()).isEqualTo(200);
                assertThat(single.body()).isEqualTo("{\"acknowledged\":1}");
                expected.add(List.of("r" + i, (long) i));
            }
            HttpResponse<String> batch = Posts.post(port, "/orders", "[{\"event\":{\"region\":\"eu\",\"amount\":100}},"
                    + "{\"event\":{\"region\":\"us\",\"amount\":200}},{\"event\":{\"region\":\"ap\",\"amount\":300}}]",
                    null);
            assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
            assertThat(batch.body()).isEqualTo("{\"acknowledged\":3}");
            expected.addAll(List.of(List.of("eu", 100L), List.of("us", 200L), List.of("ap", 300L)));
            HttpResponse<String> refund = Posts.post(port, "/refunds",
                    "{\"refund\":{\"region\":\"eu\",\"amount\":7}}",
                    null);
            assertThat(refund.statusCode()).as(refund.body()).isEqualTo(200);

            assertThat(target.values("Orders")).containsExactlyElementsOf(expected);
            assertThat(target.values("Refunds")).containsExactly(List.of("eu", 7L));
            assertThat(target.taken()).allMatch(t -> t.eventId() == null && t.app().equals("Shop"));
            assertThat(countedBy(engine)).isEqualTo(expected.size() + 1);

            assertThat(Posts.post(port, "/nowhere", "{}", null).statusCode()).isEqualTo(404);
            HttpResponse<String> get = Posts.get(port, "/orders");
            assertThat(get.statusCode()).isEqualTo(405);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("closed with the runtime")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyIsTakenOnce() throws Exception {
        try (MappedApp shop = MappedApp.onFreePort(APP)) {
            String single = "{\"event\":{\"region\":\"eu\",\"amount\":5}}";
            String batch = "[{\"event\":{\"region\":\"us\",\"amount\":1}},"
                    + "{\"event\":{\"region\":\"us\",\"amount\":2}}]";
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThat(shop.post("/orders", single, "order-17").statusCode()).isEqualTo(200);
                assertThat(shop.post("/orders", batch, "batch-4").statusCode()).isEqualTo(200);
            }
            assertThat(shop.target.taken()).extracting(RecordingTarget.Taken::eventId)
                    .containsExactly("order-17", "batch-4#0", "batch-4#1");
            assertThat(shop.target.values("Orders")).containsExactly(List.of("eu", 5L), List.of("us", 1L),
                    List.of("us", 2L));
            assertThat(countedBy(shop.engine)).isEqualTo(3);
        }
    }

    /**
     * Many clients at once, on the source's worker threads: each reply says what its own body became (the count is per
     * thread), every 200's events are taken once with their request's ids, no 400's; and the state snapshots and
     * restores with the source in it.
     */
    @Test
    void concurrentClientsEachGetTheirOwnAnswer() throws Exception {
        try (MappedApp shop = MappedApp.onFreePort(APP); CapturedStderr log = new CapturedStderr()) {
            int clients = 8;
            int requests = 40;
            List<Future<List<String>>> runs = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    runs.add(pool.submit(() -> {
                        List<String> accepted = new ArrayList<>();
                        for (int r = 0; r < requests; r++) {
                            String key = "c" + client + "-r" + r;
                            boolean bad = r % 3 == 0;
                            boolean batch = r % 3 == 1;
                            String body = bad ? "{\"event\":{\"region\":\"" + key + "\",\"amount\":\"x\"}}"
                                    : batch ? "[{\"event\":{\"region\":\"" + key + "\",\"amount\":1}},"
                                            + "{\"event\":{\"region\":\"" + key + "\",\"amount\":2}}]"
                                    : "{\"event\":{\"region\":\"" + key + "\",\"amount\":3}}";
                            HttpResponse<String> reply = shop.post("/orders", body, key);
                            assertThat(reply.statusCode()).as(key + ": " + reply.body()).isEqualTo(bad ? 400 : 200);
                            if (!bad) {
                                assertThat(reply.body()).isEqualTo("{\"acknowledged\":" + (batch ? 2 : 1) + "}");
                                accepted.addAll(batch ? List.of(key + "#0", key + "#1") : List.of(key));
                            }
                        }
                        return accepted;
                    }));
                }
                List<String> accepted = new ArrayList<>();
                for (var run : runs) {
                    accepted.addAll(run.get(60, TimeUnit.SECONDS));
                }
                assertThat(shop.target.taken()).as(log.text()).extracting(RecordingTarget.Taken::eventId)
                        .containsExactlyInAnyOrderElementsOf(accepted);
                assertThat(shop.target.taken()).allMatch(t -> t.eventId().startsWith((String) t.values().get(0)));
                assertThat(countedBy(shop.engine)).isEqualTo(accepted.size());
            } finally {
                pool.shutdownNow();
            }

            Map<String, byte[]> state = shop.engine.snapshot();
            shop.engine.restore(state);
            assertThat(countedBy(shop.engine)).isEqualTo(shop.target.taken().size());
        }
    }

    @Test
    void badBodiesGetA400AndAreTakenNowhere() throws Exception {
        try (MappedApp shop = MappedApp.onFreePort(APP); CapturedStderr log = new CapturedStderr()) {
            for (String body : List.of(
                    "{\"event\":{\"region\":\"eu\",\"amount\":",                     // malformed
                    "{\"event\":{\"region\":\"eu\",\"amount\":\"five\"}}",            // wrong type
                    "{\"event\":{\"region\":\"eu\",\"amount\":5,\"colour\":\"red\"}}",  // unknown attribute
                    "{\"event\":{\"region\":\"eu\"}}",                                // missing attribute
                    "")) {
                HttpResponse<String> reply = shop.post("/orders", body, "bad");
                assertThat(reply.statusCode()).as(body).isEqualTo(400);
                assertThat(reply.body()).contains("nothing was taken");
            }
            assertThat(shop.post("/refunds", "{\"refund\":{\"region\":\"eu\"}}", null).statusCode()).isEqualTo(400);
            assertThat(shop.target.taken()).as(log.text()).isEmpty();
            assertThat(countedBy(shop.engine)).isZero();

            assertThat(shop.post("/orders", "{\"event\":{\"region\":\"eu\",\"amount\":5}}", "bad").statusCode())
                    .as("a refused request's key is not spent").isEqualTo(200);
            assertThat(shop.target.taken()).extracting(RecordingTarget.Taken::eventId).containsExactly("bad");
        }
    }

    /**
     * As in SI, the JSON mapper drops an event of a batch that lacks an attribute and maps the rest: the reply's count
     * says how many were taken. A value of the wrong type fails the whole batch instead.
     */
    @Test
    void aBatchTakesWhatItsMapperMapsAndSaysHowMany() throws Exception {
        try (MappedApp shop = MappedApp.onFreePort(APP); CapturedStderr log = new CapturedStderr()) {
            HttpResponse<String> partly = shop.post("/orders", "[{\"event\":{\"region\":\"eu\",\"amount\":1}},"
                    + "{\"event\":{\"region\":\"us\"}},{\"event\":{\"region\":\"ap\",\"amount\":3}}]", "p");
            assertThat(partly.statusCode()).isEqualTo(200);
            assertThat(partly.body()).isEqualTo("{\"acknowledged\":2}");
            assertThat(shop.post("/orders", "[{\"event\":{\"region\":\"eu\",\"amount\":1}},"
                    + "{\"event\":{\"region\":\"us\",\"amount\":\"two\"}}]", "q").statusCode()).isEqualTo(400);
            assertThat(shop.target.taken()).extracting(RecordingTarget.Taken::eventId).containsExactly("p#0", "p#1");
            assertThat(shop.target.values("Orders")).containsExactly(List.of("eu", 1L), List.of("ap", 3L));
        }
    }

    @Test
    void aNodeWithoutATermAnswers503WithRetryAfter() throws Exception {
        try (MappedApp shop = MappedApp.onFreePort(APP); CapturedStderr log = new CapturedStderr()) {
            shop.intake.detach(shop.target);
            HttpResponse<String> reply = shop.post("/orders", "{\"event\":{\"region\":\"eu\",\"amount\":5}}", "k");
            assertThat(reply.statusCode()).isEqualTo(503);
            assertThat(reply.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(reply.body()).contains("not active").contains("retry with the same Idempotency-Key");

            shop.target.refuse("the apps' state outgrows this node's memory");
            shop.intake.attach(shop.target);
            reply = shop.post("/orders", "{\"event\":{\"region\":\"eu\",\"amount\":5}}", "k");
            assertThat(reply.statusCode()).isEqualTo(503);
            assertThat(reply.body()).contains("outgrows this node's memory");
            assertThat(shop.target.taken()).isEmpty();
            assertThat(countedBy(shop.engine)).isZero();

            shop.target.refuse(null);
            assertThat(shop.post("/orders", "{\"event\":{\"region\":\"eu\",\"amount\":5}}", "k").statusCode())
                    .isEqualTo(200);
            assertThat(countedBy(shop.engine)).isEqualTo(1);
        }
    }

    @Test
    void sourcesOnOnePortNeedTheirOwnPaths() {
        int port = FreePort.find();
        String twin = """
                @app:name('Twin')
                @source(type='http', receiver.url='http://127.0.0.1:%d/orders', @map(type='json'))
                define stream Orders (region string, amount long);
                """.formatted(port);
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("shop.siddhi", APP.formatted(port)),
                new AppSource("twin.siddhi", twin)))).isInstanceOf(InvalidAppException.class)
                .hasMessageContaining("twin.siddhi").hasMessageContaining("same port and path");
    }

    @Test
    void withBasicAuthTheTokenIsAskedForBeforeTheBodyIsRead() throws Exception {
        int port = FreePort.find();
        String token = "a-token-of-the-node-0123456789";
        SiddhiManager manager = new SiddhiManager();
        SourceIntake intake = new SourceIntake();
        manager.setSourceHandlerManager(new HaSourceHandlerManager(intake));
        new NodeExtensions(Optional.of(token), Optional.empty(), List.of()).register(manager);
        try (CapturedStderr log = new CapturedStderr()) {
            SiddhiAppRuntime runtime = manager.createSiddhiAppRuntime("""
                    @app:name('Guarded')
                    @source(type='http', receiver.url='http://127.0.0.1:%1$d/orders', basic.auth.enabled='true',
                        @map(type='json'))
                    define stream Orders (region string, amount long);
                    @source(type='http', receiver.url='http://127.0.0.1:%1$d/open', @map(type='json'))
                    define stream Open (region string, amount long);
                    """.formatted(port));
            RecordingTarget target = new RecordingTarget(null);
            intake.attach(target);
            runtime.start();
            String event = "{\"event\":{\"region\":\"eu\",\"amount\":5}}";

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readHead(socket.getInputStream())).as("answered from the headers, the body never sent")
                        .startsWith("HTTP/1.1 401").containsIgnoringCase("WWW-Authenticate: Basic");
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                HttpResponse<String> big = Posts.post(port, "/orders", "x".repeat(3 << 20), null);
                assertThat(big.statusCode()).as("a client still sending its body reads its 401").isEqualTo(401);
            }
            HttpResponse<String> wrong = Posts.post(port, "/orders", event, null, "Bearer not-the-token");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain(token);
            assertThat(Posts.post(port, "/orders", event, null, Posts.basic("anyone", "not-the-token")).statusCode())
                    .isEqualTo(401);
            assertThat(target.taken()).isEmpty();

            assertThat(Posts.post(port, "/orders", event, null, "Bearer " + token).statusCode()).isEqualTo(200);
            assertThat(Posts.post(port, "/orders", event, null, Posts.basic("si-client", token)).statusCode())
                    .isEqualTo(200);
            assertThat(Posts.post(port, "/open", event, null).statusCode()).as("a source without auth")
                    .isEqualTo(200);
            assertThat(target.taken()).hasSize(3);
            assertThat(log.text()).doesNotContain(token);
        } finally {
            manager.shutdown();
        }
    }

    @Test
    void basicAuthWithoutAnIngestTokenStopsTheApp() {
        int port = FreePort.find();
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("guarded.siddhi", """
                @app:name('Guarded')
                @source(type='http', receiver.url='http://127.0.0.1:%d/orders', basic.auth.enabled='true',
                    @map(type='json'))
                define stream Orders (region string, amount long);
                """.formatted(port))))).isInstanceOf(InvalidAppException.class)
                .hasMessageContaining("guarded.siddhi").hasMessageContaining("no SIHA_INGEST_TOKEN");
    }

    private static long countedBy(SiddhiEngine engine) {
        return engine.query("Shop", "from Counts select events").stream().mapToLong(row -> (Long) row[0]).sum();
    }

    /** The status line and headers of a reply. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
