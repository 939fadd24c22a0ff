package io.siha.node.engine;

import com.sun.net.httpserver.HttpServer;
import io.siha.node.output.OutputId;
import io.siha.node.source.SourceIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.siha.node.testing.SequencedInput.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The http sink against a real HTTP receiver: JSON per event, retries, and silence while the gate is closed. */
class HttpPostSinkTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final HttpServer receiver = startReceiver();

    private HttpServer startReceiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/alerts", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
                if (status == 200) {
                    received.add(new String(body, StandardCharsets.UTF_8));
                    keys.add(exchange.getRequestHeaders().getFirst(HttpPostSink.IDEMPOTENCY_KEY));
                } else {
                    refused.incrementAndGet();
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
    void outputsWaitWhileTheGateIsClosedThenArePostedInOrderWithTheirIdsAndFailuresRetriedUntilTaken() {
        OutputGate gate = new OutputGate();
        try (SiddhiEngine engine = engine(gate)) {
            engine.start();
            StreamInput orders = engine.input("Alerting", "Orders");
            send(orders, 1, "eu", 500L); // gate closed (a takeover's replay): kept, not sent, not dropped
            send(orders, 2, "us", 5L);   // filtered out by the app: no output
            failuresToServe.set(3);      // the receiver answers 503 three times
            gate.durableThrough(Long.MAX_VALUE); // as the passive's acks do: every input held
            gate.open();
            send(orders, 3, "us", 700L);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received).containsExactly("{\"region\":\"eu\",\"amount\":500}",
                    "{\"region\":\"us\",\"amount\":700}");
            assertThat(keys).containsExactly("1-0", "3-0");
            assertThat(refused).as("the 503s were retried, not dropped").hasValue(3);
            assertThat(engine.outputsPending()).isZero();
        }
    }

    @Test
    void undeliveredOutputsSurviveASnapshotAndDeliveredOnesAreNotSentAgainByAReplay() throws Exception {
        Map<String, byte[]> state;
        OutputGate firstGate = new OutputGate();
        try (SiddhiEngine first = engine(firstGate)) {
            first.start();
            StreamInput orders = first.input("Alerting", "Orders");
            firstGate.durableThrough(Long.MAX_VALUE);
            firstGate.open();
            send(orders, 1, "eu", 500L);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            firstGate.close(); // the receiver can no longer be reached from here, say
            send(orders, 2, "eu", 600L);
            state = first.snapshot(); // output 2-0 pending, 1-0 delivered
        }
        OutputGate gate = new OutputGate();
        try (SiddhiEngine next = engine(gate)) {
            next.start();
            next.restore(state);
            StreamInput orders = next.input("Alerting", "Orders");
            send(orders, 1, "eu", 500L); // a replay computing 1-0 again: delivered by the earlier term, not resent
            send(orders, 3, "us", 900L); // a replayed event the snapshot did not cover
            gate.durableThrough(3); // the takeover's own snapshot covers the replay
            gate.open();

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
            assertThat(keys).containsExactly("1-0", "2-0", "3-0");
            assertThat(received.get(1)).isEqualTo("{\"region\":\"eu\",\"amount\":600}");
        }
    }

    @Test
    void theDeliveredMarkAnEarlierTermReportedKeepsATakeoverFromSendingItsOutputsAgain() throws Exception {
        Map<String, byte[]> state;
        Map<String, OutputId> marks;
        OutputGate firstGate = new OutputGate();
        try (SiddhiEngine first = engine(firstGate)) {
            first.start();
            StreamInput orders = first.input("Alerting", "Orders");
            send(orders, 1, "eu", 500L);
            send(orders, 2, "eu", 600L);
            state = first.snapshot(); // both outputs still pending in this snapshot
            firstGate.durableThrough(Long.MAX_VALUE);
            firstGate.open();
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            marks = first.deliveredMarks(); // what the active tells its passive after delivering
        }
        assertThat(marks).hasSize(1).containsValue(new OutputId(2, 0));
        OutputGate gate = new OutputGate();
        try (SiddhiEngine next = engine(gate)) {
            next.start();
            next.restore(state);
            next.advanceDelivered(marks);
            StreamInput orders = next.input("Alerting", "Orders");
            send(orders, 3, "us", 900L); // the replay's new output
            gate.durableThrough(3);
            gate.open();

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
            Thread.sleep(200);
            assertThat(keys).as("1-0 and 2-0 not sent again").containsExactly("1-0", "2-0", "3-0");
        }
    }

    @Test
    void aSinkMapMakesTheBodyAsInSi() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
        String app = """
                @app:name('Alerting')
                define stream Orders (region string, amount long);
                @sink(type='http', publisher.url='%s', @map(type='json'))
                define stream Alerts (region string, amount long);
                from Orders[amount > 100] select region, amount insert into Alerts;
                """.formatted(url);
        OutputGate gate = new OutputGate();
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", app)), gate,
                new SourceIntake())) {
            engine.start();
            gate.durableThrough(Long.MAX_VALUE);
            gate.open();
            send(engine.input("Alerting", "Orders"), 1, "eu", 500L);

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            assertThat(received.get(0).replaceAll("\\s", "")).isEqualTo("{\"event\":{\"region\":\"eu\",\"amount\":500}}");
            assertThat(keys).containsExactly("1-0");
        }
    }

    @Test
    void anOutputWaitsUntilTheInputThatProducedItIsDurable() throws Exception {
        OutputGate gate = new OutputGate();
        try (SiddhiEngine engine = engine(gate)) {
            engine.start();
            gate.open();
            gate.durableThrough(1);
            StreamInput orders = engine.input("Alerting", "Orders");
            send(orders, 1, "eu", 500L);
            send(orders, 2, "eu", 600L); // processed, not yet held by the passive: a crash would lose input 2

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            Thread.sleep(300);
            assertThat(keys).containsExactly("1-0");
            gate.durableThrough(2); // the passive acknowledged it
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            assertThat(keys).containsExactly("1-0", "2-0");
        }
    }

    private SiddhiEngine engine(OutputGate gate) {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
        return SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", app(url))), gate, new SourceIntake());
    }

    @Test
    void aPublisherUrlThatIsNotHttpStopsTheAppAtStart() {
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", app("ftp://x/y")))))
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("alerting.siddhi")
                .hasMessageContaining("must be http:// or https://");
    }
}
