package io.siha.node.bench;

import io.siha.node.demo.OutputCheck;
import io.siha.node.engine.HttpPostSink;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingReceiverTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static void post(RecordingReceiver receiver, String key, long amount) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(receiver.url()))
                .header(HttpPostSink.IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":{\"region\":\"eu\",\"amount\":" + amount + "}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
    }

    @Test
    void checksTheOutputsThatArrivedAgainstThoseExpected() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            post(receiver, "1-0", 0);
            post(receiver, "2-0", 1);
            post(receiver, "2-0", 1); // a repeat under its own id

            OutputCheck check = receiver.awaitAll(List.of(0L, 1L, 2L), Duration.ofMillis(200));

            assertThat(check.arrived()).isEqualTo(3);
            assertThat(check.lost()).isEqualTo(1);
            assertThat(check.duplicated()).isEqualTo(1);
            assertThat(check.underAnotherId()).isZero();
        }
    }

    @Test
    void measuresTheGapAroundAnOutageAndTheArrivalsInAnInterval() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            post(receiver, "1-0", 0);
            long outage = System.nanoTime();
            Thread.sleep(20);
            long resumed = System.nanoTime();
            post(receiver, "2-0", 1);
            post(receiver, "3-0", 2);

            long[] arrivals = receiver.arrivalNanos();
            assertThat(arrivals).hasSize(3).isSorted();
            assertThat(receiver.gapNanos(outage, resumed)).hasValue(arrivals[1] - arrivals[0]);
            assertThat(receiver.gapNanos(System.nanoTime(), System.nanoTime())).isEmpty(); // nothing after
            assertThat(receiver.firstArrivalFrom(resumed)).hasValue(arrivals[1]);
            assertThat(receiver.arrivedBetween(outage, System.nanoTime())).isEqualTo(2);
            assertThat(receiver.arrivedBetween(arrivals[0], arrivals[0] + 1)).isEqualTo(1);
        }
    }
}
