package io.siha.node.faults;

import io.siha.client.ClientEvent;
import io.siha.node.demo.Demo;
import io.siha.node.demo.FailoverClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.LoopbackPorts;
import io.siha.node.demo.OutputCheck;
import io.siha.node.demo.OutputReceiver;
import io.siha.node.demo.SourcePoster;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.RoleSampler;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An app's outputs through SIGKILL failovers and a receiver outage, with real node processes, a real PostgreSQL and a
 * real HTTP receiver: the counting app also relays every order to an HTTP sink; the test sends orders numbered 1, 2,
 * 3 ... from one client in order, kills the active three times, and once takes the receiver down for three seconds
 * with a kill in the middle. The outputs the app must produce follow from the acknowledged orders: one per order, in
 * order. Every one must arrive; a repeat may arrive only under the same Idempotency-Key (an output delivered by a
 * killed active and again by the replay of its successor), never under another; first arrivals are in order; and the
 * app counted each acknowledged order once.
 *
 * <p>Run twice: orders through the node's binary ingest port, and through the app's own
 * {@code @source(type='http')} with Idempotency-Key retries, where bad bodies are also sent along the way: each must
 * get a 400 and leave no trace in the count or the outputs.
 */
class OutputFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(OutputFaultsTest.class);
    private static final int BATCH = 10;
    private static final List<String> BAD_BODIES = List.of(
            "[{\"event\":{\"region\":\"eu\",\"amount\":",                    // malformed
            "[{\"event\":{\"region\":\"eu\",\"amount\":\"five\"}}]",          // wrong type
            "{\"event\":{\"region\":\"eu\",\"amount\":5,\"colour\":\"r\"}}"); // unknown attribute

    @Test
    void throughTheIngestPortEveryOutputArrivesInOrderAndRepeatsOnlyUnderItsId() throws Exception {
        run("outputs through failovers and an outage (ingest port)", Optional.empty());
    }

    @Test
    void throughTheAppsHttpSourceEveryOutputArrivesInOrderAndBadBodiesLeaveNoTrace() throws Exception {
        run("outputs through failovers and an outage (@source http)",
                Optional.of("http://127.0.0.1:" + LoopbackPorts.free() + "/orders"));
    }

    private void run(String scenario, Optional<String> sourceUrl) throws Exception {
        try (OutputReceiver receiver = new OutputReceiver();
             FaultRig rig = new FaultRig("fault-outputs", 300, Map.of(), false,
                     pair -> pair.app(LocalPair.COUNTING_APP_FILE, relayApp(receiver.url(), sourceUrl)))) {
            LocalNode active = rig.start();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong ackedThrough = new AtomicLong();
            AtomicLong badRefused = new AtomicLong();
            List<Throwable> failure = new CopyOnWriteArrayList<>();
            Thread sender = new Thread(() -> {
                try (Orders orders = sourceUrl.<Orders>map(url -> new SourceOrders(url, badRefused))
                        .orElseGet(() -> new IngestOrders(rig.pair.newClient()))) {
                    for (long next = 1; sending.get(); next += BATCH) {
                        orders.send(next);
                        ackedThrough.set(next + BATCH - 1);
                    }
                } catch (Throwable e) {
                    failure.add(e);
                }
            }, "test-orders");
            sender.start();

            awaitAcked(ackedThrough, 200, failure);
            active = killAndRestart(rig, active, ackedThrough, failure);
            receiver.down();
            long outageStart = System.nanoTime();
            Thread.sleep(1500); // outputs pile up in the outbox before the kill, so the kill falls inside the outage
            active = killAndRestart(rig, active, ackedThrough, failure);
            Thread.sleep(Math.max(0, 3000 - (System.nanoTime() - outageStart) / 1_000_000));
            receiver.up();
            long outageMs = (System.nanoTime() - outageStart) / 1_000_000;
            awaitAcked(ackedThrough, ackedThrough.get() + 200, failure);
            sending.set(false);
            sender.join(60_000);
            assertThat(failure).as("the client's sends").isEmpty();
            long acked = ackedThrough.get();
            long counted = rig.pair.counted();

            List<Long> ordersAcked = LongStream.rangeClosed(1, acked).boxed().toList();
            await("every acknowledged order's output").atMost(Duration.ofSeconds(30))
                    .until(() -> OutputCheck.of(ordersAcked, receiver.received()).lost() == 0);
            OutputCheck check = OutputCheck.of(ordersAcked, receiver.received());
            log.info("{}: {} orders acknowledged, {} counted, outputs {}; receiver down {} ms ({} POSTs refused); {}"
                    + " bad bodies refused", scenario, acked, counted, check, outageMs, receiver.refused(),
                    badRefused.get());
            RoleSampler.Summary timeline = rig.sampler().summarize();
            ScenarioReports.add(new ScenarioReport(scenario,
                    String.format("2 SIGKILLs of the active, the second inside a receiver outage of %d ms (%d POSTs"
                            + " refused)%s; every order relayed to an HTTP sink", outageMs, receiver.refused(),
                            sourceUrl.isPresent() ? ", " + badRefused.get() + " bad bodies sent" : ""),
                    acked, counted, timeline.samples(), timeline.twoActiveInstants(),
                    "outputs checked against every acknowledged order", Optional.of(check)));
            rig.sampler().check();
            assertThat(counted).as("the app's count equals the acknowledged orders").isEqualTo(acked);
            assertThat(check.lost()).as("outputs lost").isZero();
            assertThat(check.underAnotherId()).as("repeats under another id").isZero();
            assertThat(check.reordered()).as("outputs out of order").isZero();
            assertThat(check.unexpected()).as("outputs of orders never sent, or of bad bodies").isZero();
            assertThat(receiver.refused()).as("the outage refused outputs, which were delivered later").isPositive();
            if (sourceUrl.isPresent()) {
                assertThat(badRefused.get()).as("bad bodies sent, each answered 400").isPositive();
            }
        }
    }

    /** The counting app relaying every order to the receiver; with {@code sourceUrl}, orders come by its source. */
    private static String relayApp(String sinkUrl, Optional<String> sourceUrl) {
        String app = Demo.countingAppWithAlerts(sinkUrl, "amount > 0");
        return sourceUrl.map(url -> app.replace("define stream Orders", "@source(type='http', receiver.url='" + url
                + "', @map(type='json'))\ndefine stream Orders")).orElse(app);
    }

    /** A way in for a batch of orders {@code first .. first + 9}, retried until acknowledged. */
    private interface Orders extends AutoCloseable {
        void send(long first) throws Exception;
    }

    private record IngestOrders(FailoverClient client) implements Orders {
        @Override
        public void send(long first) throws Exception {
            List<ClientEvent> batch = new ArrayList<>();
            for (long n = first; n < first + BATCH; n++) {
                batch.add(ClientEvent.of("order-" + n, "eu", n));
            }
            client.send(Demo.APP, Demo.STREAM, batch);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * Orders as JSON to the app's source, as a user's client would send them, with a bad body every 50 batches: sent
     * once to whichever node holds the source port, it must get a 400 (while no node holds it, the attempt is moot).
     */
    private static final class SourceOrders implements Orders {
        private final SourcePoster poster;
        private final URI url;
        private final AtomicLong badRefused;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

        SourceOrders(String url, AtomicLong badRefused) {
            this.poster = new SourcePoster(url);
            this.url = URI.create(url);
            this.badRefused = badRefused;
        }

        @Override
        public void send(long first) throws Exception {
            StringBuilder body = new StringBuilder("[");
            for (long n = first; n < first + BATCH; n++) {
                body.append(n == first ? "" : ",").append("{\"event\":{\"region\":\"eu\",\"amount\":").append(n)
                        .append("}}");
            }
            poster.post("orders-" + first, body.append(']').toString());
            if (first % (50 * BATCH) == 1) {
                sendBad(BAD_BODIES.get((int) (first / (50 * BATCH)) % BAD_BODIES.size()), "bad-" + first);
            }
        }

        private void sendBad(String body, String key) throws InterruptedException {
            try {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 400) {
                    badRefused.incrementAndGet();
                } else if (reply.statusCode() != 503) {
                    throw new AssertionError("a bad body got HTTP " + reply.statusCode() + " " + reply.body() + ": "
                            + body);
                }
            } catch (IOException e) {
                // no node holds the port right now (a failover): the bad body was taken by no one
            }
        }

        @Override
        public void close() {
            // Java 17's HttpClient has nothing to close: its threads end when it is collected
        }
    }

    private static LocalNode killAndRestart(FaultRig rig, LocalNode active, AtomicLong ackedThrough,
                                            List<Throwable> failure) throws InterruptedException {
        long before = ackedThrough.get();
        active.kill();
        awaitAcked(ackedThrough, before + 50, failure);
        active.start();
        return rig.pair.awaitWhole(Duration.ofSeconds(60));
    }

    /** Waits for the sender to have {@code atLeast} orders acknowledged; fails at once, with why, if it stopped. */
    private static void awaitAcked(AtomicLong ackedThrough, long atLeast, List<Throwable> failure) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!failure.isEmpty()) {
                throw new AssertionError("the sender stopped: " + failure.get(0), failure.get(0));
            }
            return ackedThrough.get() >= atLeast;
        });
    }
}
