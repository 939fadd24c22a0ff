package io.siha.node.faults;

import io.siha.client.ClientEvent;
import io.siha.node.demo.FailoverClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.OutputCheck;
import io.siha.node.demo.OutputReceiver;
import io.siha.node.testing.RoleSampler;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An app's outputs through SIGKILL failovers and a receiver outage, with real node processes, a real PostgreSQL and a
 * real HTTP receiver: an app relays each order to an HTTP sink; the test sends orders numbered 1, 2, 3 ... from one
 * client in order, kills the active three times, and once takes the receiver down for three seconds with a kill in
 * the middle. The outputs the app must produce follow from the acknowledged orders: one per order, in order. Every one
 * must arrive; a repeat may arrive only under the same Idempotency-Key (an output delivered by a killed active and
 * again by the replay of its successor), never under another; first arrivals are in order.
 */
class OutputFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(OutputFaultsTest.class);

    @Test
    void everyOutputArrivesInOrderThroughFailoversAndAReceiverOutageAndRepeatsOnlyUnderItsId() throws Exception {
        try (OutputReceiver receiver = new OutputReceiver();
             FaultRig rig = new FaultRig("fault-outputs", 300, Map.of(), false,
                     pair -> pair.app("relay.siddhi", relayApp(receiver.url())))) {
            LocalNode active = rig.start();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong ackedThrough = new AtomicLong();
            List<Throwable> failure = new ArrayList<>();
            Thread sender = new Thread(() -> send(rig, sending, ackedThrough, failure), "test-orders");
            sender.start();

            awaitAcked(ackedThrough, 200);
            for (int kill = 0; kill < 3; kill++) {
                active = killAndRestart(rig, active, ackedThrough);
            }
            receiver.down();
            long outageStart = System.nanoTime();
            Thread.sleep(1500); // outputs pile up in the outbox before the kill, so the kill falls inside the outage
            active = killAndRestart(rig, active, ackedThrough);
            Thread.sleep(Math.max(0, 3000 - (System.nanoTime() - outageStart) / 1_000_000));
            receiver.up();
            long outageMs = (System.nanoTime() - outageStart) / 1_000_000;
            awaitAcked(ackedThrough, ackedThrough.get() + 200);
            sending.set(false);
            sender.join(60_000);
            assertThat(failure).as("the client's sends").isEmpty();
            long acked = ackedThrough.get();

            List<Long> ordersAcked = LongStream.rangeClosed(1, acked).boxed().toList();
            await("every acknowledged order's output").atMost(Duration.ofSeconds(30))
                    .until(() -> OutputCheck.of(ordersAcked, receiver.received()).lost() == 0);
            List<OutputReceiver.Received> arrived = receiver.received();
            OutputCheck check = OutputCheck.of(ordersAcked, arrived);
            long repeats = check.duplicated();
            long repeatsUnderAnotherId = check.underAnotherId();
            long lost = check.lost();
            long outOfOrder = check.reordered();
            log.info("outputs: {} orders acknowledged, {} outputs arrived ({} repeats, {} under another id), {} lost,"
                    + " {} out of order; receiver down {} ms ({} POSTs refused)", acked, arrived.size(), repeats,
                    repeatsUnderAnotherId, lost, outOfOrder, outageMs, receiver.refused());
            RoleSampler.Summary timeline = rig.sampler().summarize();
            ScenarioReports.add(new ScenarioReport("outputs through failovers and an outage",
                    String.format("4 SIGKILLs of the active, one inside a receiver outage of %d ms (%d POSTs"
                            + " refused); orders relayed to an HTTP sink", outageMs, receiver.refused()),
                    acked, acked - lost, timeline.samples(), timeline.twoActiveInstants(),
                    String.format("outputs expected %d, arrived %d, lost %d, repeated %d (%d under another id),"
                            + " out of order %d", acked, arrived.size(), lost, repeats, repeatsUnderAnotherId,
                            outOfOrder)));
            rig.sampler().check();
            assertThat(lost).as("outputs lost").isZero();
            assertThat(repeatsUnderAnotherId).as("repeats under another id").isZero();
            assertThat(outOfOrder).as("outputs out of order").isZero();
            assertThat(check.unexpected()).as("outputs of orders never sent").isZero();
            assertThat(receiver.refused()).as("the outage refused outputs, which were delivered later").isPositive();
        }
    }

    private static String relayApp(String url) {
        return """
                @app:name('Relay')
                define stream Orders (region string, amount long);
                @sink(type='http', publisher.url='%s')
                define stream Relayed (region string, amount long);
                from Orders select region, amount insert into Relayed;
                """.formatted(url);
    }

    /** Orders 1, 2, 3 ... in batches of 10 from one client, each retried with its ids until acknowledged. */
    private static void send(FaultRig rig, AtomicBoolean sending, AtomicLong ackedThrough, List<Throwable> failure) {
        try (FailoverClient client = rig.pair.newClient()) {
            long next = 1;
            while (sending.get()) {
                List<ClientEvent> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++, next++) {
                    batch.add(ClientEvent.of("order-" + next, "eu", next));
                }
                client.send("Relay", "Orders", batch);
                ackedThrough.set(next - 1);
            }
        } catch (Throwable e) {
            failure.add(e);
        }
    }

    private static LocalNode killAndRestart(FaultRig rig, LocalNode active, AtomicLong ackedThrough)
            throws InterruptedException {
        long before = ackedThrough.get();
        active.kill();
        awaitAcked(ackedThrough, before + 50);
        active.start();
        return rig.pair.awaitWhole(Duration.ofSeconds(60));
    }

    private static void awaitAcked(AtomicLong ackedThrough, long atLeast) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ackedThrough.get() >= atLeast);
    }

}
