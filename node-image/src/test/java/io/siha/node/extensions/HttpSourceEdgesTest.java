package io.siha.node.extensions;

import io.siha.node.testing.CapturedStderr;
import io.siha.node.testing.FreePort;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP source with the other mappers and transport properties, an over-long key, and a port that another process
 * holds when the sources open.
 */
class HttpSourceEdgesTest {

    private static final String APP = """
            @app:name('Mixed')
            @source(type='http', receiver.url='http://127.0.0.1:%1$d/text', @map(type='text'))
            define stream Lines (region string, amount long);
            @source(type='http', receiver.url='http://127.0.0.1:%1$d/xml', @map(type='xml'))
            define stream Docs (region string, amount long);
            @source(type='http', receiver.url='http://127.0.0.1:%1$d/tagged', @map(type='json',
                @attributes(region='$.region', amount='$.amount', tenant='trp:X-Tenant')))
            define stream Tagged (region string, amount long, tenant string);
            """ + MappedApp.counting("Lines", "Docs", "Tagged");

    @Test
    void textAndXmlBodiesAndHeadersAsTransportProperties() throws Exception {
        try (MappedApp app = MappedApp.onFreePort(APP); CapturedStderr log = new CapturedStderr()) {
            assertThat(app.post("/text", "region:\"eu\",\namount:3", "t1").statusCode()).isEqualTo(200);
            assertThat(app.post("/xml", "<events><event><region>us</region><amount>4</amount></event>"
                    + "<event><region>ap</region><amount>5</amount></event></events>", "x1").body())
                    .isEqualTo("{\"acknowledged\":2}");
            assertThat(app.post("/xml", "<events><event><region>eu</region><amount>1</amount></event></events>", "x0")
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> tagged = Posts.post(app.port, "/tagged", "{\"region\":\"eu\",\"amount\":6}", "j1",
                    null, "X-Tenant", "acme");
            assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(200);

            assertThat(app.post("/text", "region:\"eu\",\namount:lots", "t2").statusCode()).isEqualTo(400);
            assertThat(app.post("/xml", "<events><event><region>us", "x2").statusCode()).isEqualTo(400);

            assertThat(app.target.values("Lines")).containsExactly(List.of("eu", 3L));
            assertThat(app.target.values("Docs")).containsExactly(List.of("us", 4L), List.of("ap", 5L),
                    List.of("eu", 1L));
            assertThat(app.target.values("Tagged")).containsExactly(List.of("eu", 6L, "acme"));
            // One event has the key as its id, whichever mapper made it; several have key#i.
            assertThat(app.target.taken()).extracting(RecordingTarget.Taken::eventId)
                    .containsExactly("t1", "x1#0", "x1#1", "x0", "j1");
            assertThat(app.counted("Mixed")).as(log.text()).isEqualTo(5);
        }
    }

    @Test
    void anIdempotencyKeyTooLongToReplicateIsA400() throws Exception {
        try (MappedApp app = MappedApp.onFreePort(APP); CapturedStderr log = new CapturedStderr()) {
            HttpResponse<String> reply = app.post("/text", "region:\"eu\",\namount:3", "k".repeat(10_000));
            assertThat(reply.statusCode()).isEqualTo(400);
            assertThat(app.target.taken()).isEmpty();
        }
    }

    /** An SI app's options the node's source does not use (worker.count, socket.idle.timeout, ...) do not stop it. */
    @Test
    void siOptionsTheSourceDoesNotUseAreAccepted() throws Exception {
        try (MappedApp app = MappedApp.onFreePort("""
                @app:name('SiOptions')
                @source(type='http', receiver.url='http://127.0.0.1:%1$d/orders', worker.count='4',
                    socket.idle.timeout='120000', basic.auth.enabled='false', @map(type='json'))
                define stream Orders (region string, amount long);
                """ + MappedApp.counting("Orders"))) {
            assertThat(app.post("/orders", "{\"event\":{\"region\":\"eu\",\"amount\":3}}", null).statusCode())
                    .isEqualTo(200);
            assertThat(app.counted("SiOptions")).isEqualTo(1);
        }
    }

    /** Siddhi retries a source that cannot connect (5 s, then 10 s, ...): the port opens once it is free. */
    @Test
    void aPortHeldElsewhereOpensOnceItIsFree() throws Exception {
        int port = FreePort.find();
        try (CapturedStderr log = new CapturedStderr()) {
            MappedApp app;
            try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                app = new MappedApp(APP.formatted(port));
                assertThat(log.text()).contains("cannot listen");
            }
            try (app) {
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                        assertThat(Posts.post(port, "/text", "region:\"eu\",\namount:3", "late").statusCode())
                                .isEqualTo(200));
                assertThat(app.target.taken()).hasSize(1);
            }
        }
    }
}
