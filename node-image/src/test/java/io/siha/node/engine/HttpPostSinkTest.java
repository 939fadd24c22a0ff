package io.siha.node.engine;

import io.siha.node.output.OutputId;
import io.siha.node.source.SourceIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.siha.node.testing.SequencedInput.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The http sink against a real HTTP receiver: JSON per event, retries, and silence while the gate is closed. */
class HttpPostSinkTest {

    private final RecordingReceiver receiver = new RecordingReceiver();

    @AfterEach
    void stop() {
        receiver.close();
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
            receiver.failuresToServe.set(3);      // the receiver answers 503 three times
            gate.durableThrough(Long.MAX_VALUE); // as the passive's acks do: every input held
            gate.open();
            send(orders, 3, "us", 700L);

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.taken.size() == 2);
            assertThat(receiver.bodies()).containsExactly("{\"region\":\"eu\",\"amount\":500}",
                    "{\"region\":\"us\",\"amount\":700}");
            assertThat(receiver.keys()).containsExactly("1-0", "3-0");
            assertThat(receiver.refused).as("the 503s were retried, not dropped").hasValue(3);
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
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 1);
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

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 3);
            assertThat(receiver.keys()).containsExactly("1-0", "2-0", "3-0");
            assertThat(receiver.bodies().get(1)).isEqualTo("{\"region\":\"eu\",\"amount\":600}");
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
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 2);
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

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 3);
            Thread.sleep(200);
            assertThat(receiver.keys()).as("1-0 and 2-0 not sent again").containsExactly("1-0", "2-0", "3-0");
        }
    }

    @Test
    void aSinkMapMakesTheBodyAsInSi() {
        try (DeliveringApp app = new DeliveringApp("Alerting", """
                @app:name('Alerting')
                define stream Orders (region string, amount long);
                @sink(type='http', publisher.url='%s', @map(type='json'))
                define stream Alerts (region string, amount long);
                from Orders[amount > 100] select region, amount insert into Alerts;
                """.formatted(receiver.url()))) {
            app.send(1, "eu", 500L);

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 1);
            assertThat(receiver.bodies().get(0).replaceAll("\\s", "")).isEqualTo("{\"event\":{\"region\":\"eu\","
                    + "\"amount\":500}}");
            assertThat(receiver.keys()).containsExactly("1-0");
            assertThat(receiver.taken.get(0).header("Content-Type")).isEqualTo("application/json");
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

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 1);
            Thread.sleep(300);
            assertThat(receiver.keys()).containsExactly("1-0");
            gate.durableThrough(2); // the passive acknowledged it
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.taken.size() == 2);
            assertThat(receiver.keys()).containsExactly("1-0", "2-0");
        }
    }

    private SiddhiEngine engine(OutputGate gate) {
        String url = receiver.url();
        return SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", app(url))), gate, new SourceIntake());
    }

    @Test
    void aPublisherUrlThatIsNotHttpStopsTheAppAtStart() {
        assertThatThrownBy(() -> SiddhiEngine.create(List.of(new AppSource("alerting.siddhi", app("ftp://x/y")))))
                .isInstanceOf(InvalidAppException.class).hasMessageContaining("alerting.siddhi")
                .hasMessageContaining("must be http:// or https://");
    }
}
