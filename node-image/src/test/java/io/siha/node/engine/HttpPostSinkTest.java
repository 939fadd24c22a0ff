package io.siha.node.engine;

import com.sun.net.httpserver.HttpServer;
import io.siha.node.source.SourceIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The http sink against a real HTTP receiver: JSON per event, retries, and silence while the gate is closed. */
class HttpPostSinkTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final HttpServer receiver = startReceiver();

    private HttpServer startReceiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/alerts", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
                if (status == 200) {
                    received.add(new String(body, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String app(String url) {
        return """
                @app:name('Alerting')
                define stream Orders (region string, amount long);
                @sink(type='http', publisher.url='%s')
                define stream Alerts (region string, amount long);
                from Orders[amount > 100] select region, amount insert into Alerts;
                """.formatted(url);
    }

    @Test
    void eachOutputEventIsPostedAsJsonOnlyWhileTheGateIsOpenAndFailuresAreRetried() {
        OutputGate gate = new OutputGate();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", app(url))), gate, new SourceIntake())) {
            engine.start();
            StreamInput orders = engine.input("Alerting", "Orders");
            orders.send(1, new Object[] {"eu", 500L}); // gate closed: a passive or fenced node is silent

            gate.open();
            failuresToServe.set(2);
            orders.send(2, new Object[] {"us", 700L});
            orders.send(3, new Object[] {"us", 5L}); // filtered out by the app
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            assertThat(received).containsExactly("{\"region\":\"us\",\"amount\":700}");
            assertThat(failuresToServe.get()).as("two failed POSTs were retried").isZero();
        }
    }

    @Test
    void aPublisherUrlThatIsNotHttpStopsTheAppAtStart() {
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", app("ftp://x/y")))))
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("alerting.siddhi")
                .hasMessageContaining("must be http:// or https://");
    }
}
