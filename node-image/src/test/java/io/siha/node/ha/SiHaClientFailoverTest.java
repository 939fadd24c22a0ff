package io.siha.node.ha;

import io.siha.client.DeliveryListener;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.demo.Demo;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.LocalPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream of {@link SiHaClient} sends, many batches in flight, through a SIGKILL of the active: the client moves to
 * the new active by itself and resends what was unacknowledged with the same ids, so at the end every event is
 * acknowledged and the app counts each exactly once. Over each transport.
 */
class SiHaClientFailoverTest {

    private static final Logger log = LoggerFactory.getLogger(SiHaClientFailoverTest.class);
    private static final int MAX_OUTSTANDING = 5_000;

    /** Sends events with unique ids at about 5,000 a second until stopped; counts acknowledgements and failures. */
    private static final class Sender implements AutoCloseable {
        private final SiHaClient client;
        private final Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong acked = new AtomicLong();
        private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private final Thread thread = new Thread(this::run, "test-client-sender");

        Sender(SiHaClient client) {
            this.client = client;
            thread.start();
        }

        private void run() {
            try {
                while (running.get()) {
                    for (int i = 0; i < 5; i++) {
                        outstanding.acquire();
                        client.send(Demo.APP, Demo.STREAM, "k-" + sent.getAndIncrement(), "eu", 1L)
                                .whenComplete((ok, failure) -> {
                                    if (failure == null) {
                                        acked.incrementAndGet();
                                    } else {
                                        failures.add(failure);
                                    }
                                    outstanding.release();
                                });
                    }
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitAcked(long events, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (acked.get() < events) {
                assertThat(failures).as("send failures").isEmpty();
                assertThat(System.nanoTime()).as("%d acknowledged in time", events).isLessThan(deadline);
                Thread.sleep(5);
            }
        }

        /** Stops sending and waits until every event sent is answered. */
        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            assertThat(outstanding.tryAcquire(MAX_OUTSTANDING, 90, TimeUnit.SECONDS)).as("every send answered")
                    .isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSigkillOfTheActiveMidStreamEndsWithEveryEventAcknowledgedAndCountedOnce(Transport transport)
            throws Exception {
        try (LocalPair pair = new LocalPair("client-failover-" + transport.name().toLowerCase(), 200, 300).start()) {
            LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
            LocalNode survivor = pair.other(active);
            String survivorEndpoint = survivor.ingestAddress(transport);
            AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
            AtomicReference<Long> firstAckBySurvivor = new AtomicReference<>();
            DeliveryListener listener = (endpoint, events) -> {
                if (endpoint.equals(survivorEndpoint) && System.nanoTime() - killedAt.get() > 0) {
                    firstAckBySurvivor.compareAndSet(null, System.nanoTime());
                }
            };
            try (SiHaClient client = SiHaClient.builder()
                    .endpoints(pair.nodes().stream().map(n -> n.ingestAddress(transport)).toList())
                    .transport(transport)
                    .attributeNames(Demo.APP, Demo.STREAM, "region", "amount")
                    .retryTime(Duration.ofSeconds(60))
                    .listener(listener)
                    .build();
                 Sender sender = new Sender(client)) {
                sender.awaitAcked(2_000, Duration.ofSeconds(30));
                killedAt.set(System.nanoTime());
                active.kill();
                sender.awaitAcked(sender.acked.get() + 2_000, Duration.ofSeconds(30));
                assertThat(firstAckBySurvivor.get()).as("the survivor acknowledged after the kill").isNotNull();
                long failoverMs = TimeUnit.NANOSECONDS.toMillis(firstAckBySurvivor.get() - killedAt.get());
                active.start();
                pair.awaitWhole(Duration.ofSeconds(60));
                sender.stop();

                long counted = pair.counted();
                log.info("{}: SIGKILL mid-stream at 200 ms x 2, first ack by the survivor after {} ms; {} sent, {} "
                        + "acknowledged, {} counted", transport, failoverMs, sender.sent.get(), sender.acked.get(),
                        counted);
                assertThat(sender.failures).as("no send failed").isEmpty();
                assertThat(sender.acked.get()).as("every event sent was acknowledged").isEqualTo(sender.sent.get());
                assertThat(counted).as("acknowledged == counted: nothing lost, nothing twice")
                        .isEqualTo(sender.acked.get());
            }
        }
    }
}
