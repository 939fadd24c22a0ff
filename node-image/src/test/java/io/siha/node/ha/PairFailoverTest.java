package io.siha.node.ha;

import io.siha.client.ClientEvent;
import io.siha.node.demo.Demo;
import io.siha.node.demo.FailoverClient;
import io.siha.node.demo.LocalNode;
import io.siha.node.testing.LocalPair;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HA pair as real processes on a real PostgreSQL, killed with SIGKILL or stopped with SIGTERM while a client
 * sends acknowledged events; at the end the app's count equals the acknowledged count exactly.
 */
class PairFailoverTest {

    private static final Logger log = LoggerFactory.getLogger(PairFailoverTest.class);

    /** Sends batches of 10 events with ids until stopped; counts what was acknowledged. */
    private static final class Traffic implements AutoCloseable {
        private final FailoverClient client;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger acked = new AtomicInteger();
        /** Time of the latest acknowledgement by each endpoint (node), by index in the pair. */
        private final AtomicLong[] lastAckNanos = {new AtomicLong(), new AtomicLong()};
        private final Thread thread;
        private volatile Exception failure;

        Traffic(FailoverClient client) {
            this.client = client;
            this.thread = new Thread(this::run, "test-traffic");
            thread.start();
        }

        private void run() {
            int next = 0;
            try {
                while (running.get()) {
                    List<ClientEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++, next++) {
                        batch.add(ClientEvent.of("e-" + next, "eu", 1L));
                    }
                    FailoverClient.Ack ack = client.send(Demo.APP, Demo.STREAM, batch);
                    acked.addAndGet(batch.size());
                    lastAckNanos[ack.endpoint()].set(ack.atNanos());
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        /** Waits for the first acknowledgement by node {@code endpoint} after {@code sinceNanos}; returns its time. */
        long awaitAckAfter(long sinceNanos, int endpoint, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lastAckNanos[endpoint].get() <= sinceNanos) {
                assertThat(failure).as("traffic failed").isNull();
                assertThat(System.nanoTime()).as("an acknowledgement in time").isLessThan(deadline);
                Thread.sleep(1);
            }
            return lastAckNanos[endpoint].get();
        }

        int stop() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(failure).as("traffic failed").isNull();
            return acked.get();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int index(LocalPair pair, LocalNode node) {
        return pair.nodes().indexOf(node);
    }

    private static int other(LocalPair pair, LocalNode node) {
        return 1 - index(pair, node);
    }

    @Test
    void tenConsecutiveSigkillFailoversUnderTrafficLoseNoAcknowledgedEvent() throws Exception {
        Random random = new Random();
        List<Long> failoverMillis = new ArrayList<>();
        try (LocalPair pair = new LocalPair("ten-kills", 200, 300).start()) {
            LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
            try (Traffic traffic = new Traffic(pair.client())) {
                for (int kill = 0; kill < 10; kill++) {
                    Thread.sleep(100 + random.nextInt(700)); // anywhere in the persist cycle
                    long killedAt = System.nanoTime();
                    active.kill();
                    long ack = traffic.awaitAckAfter(killedAt, other(pair, active), Duration.ofSeconds(30));
                    failoverMillis.add(TimeUnit.NANOSECONDS.toMillis(ack - killedAt));
                    active.start();
                    active = pair.awaitWhole(Duration.ofSeconds(60));
                }
                int acked = traffic.stop();
                long counted = pair.counted();
                log.info("10 SIGKILL failovers at 200 ms x 2: {} events acknowledged, {} counted, kill to first ack "
                        + "{} ms", acked, counted, failoverMillis);
                assertThat(acked).isGreaterThan(100);
                assertThat(counted).as("the app's count equals the acknowledged count").isEqualTo(acked);
            }
        }
    }

    @Test
    void aSigtermedActiveHandsOverWithoutWaitingForItsLease() throws Exception {
        try (LocalPair pair = new LocalPair("sigterm", 1000, 10_000).start()) {
            LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
            try (Traffic traffic = new Traffic(pair.client())) {
                traffic.awaitAckAfter(System.nanoTime(), index(pair, active), Duration.ofSeconds(10));
                long stoppedAt = System.nanoTime();
                active.stop();
                long ack = traffic.awaitAckAfter(stoppedAt, other(pair, active), Duration.ofSeconds(30));
                long handover = TimeUnit.NANOSECONDS.toMillis(ack - stoppedAt);
                log.info("planned handover (SIGTERM) at 1000 ms x 2: first acknowledgement by the peer after {} ms",
                        handover);
                assertThat(handover).as("well under the 3000 ms lease").isLessThan(2500);
                int acked = traffic.stop();
                assertThat(pair.counted()).isEqualTo(acked);
            }
        }
    }

    @Test
    void thePassiveRestartingMidStreamLosesNothing() throws Exception {
        try (LocalPair pair = new LocalPair("passive-restart", 200, 500).start()) {
            LocalNode active = pair.awaitWhole(Duration.ofSeconds(60));
            LocalNode passive = pair.other(active);
            try (Traffic traffic = new Traffic(pair.client())) {
                for (int round = 0; round < 2; round++) {
                    traffic.awaitAckAfter(System.nanoTime(), index(pair, active), Duration.ofSeconds(10));
                    passive.kill();
                    // Degraded, still acknowledging: after each snapshot instead of after the passive's ack.
                    traffic.awaitAckAfter(System.nanoTime(), index(pair, active), Duration.ofSeconds(10));
                    passive.start();
                    assertThat(pair.awaitWhole(Duration.ofSeconds(60))).as("the active stays active").isSameAs(active);
                }
                int acked = traffic.stop();
                assertThat(pair.counted()).isEqualTo(acked);
            }
        }
    }
}
