package io.siha.node.bench;

import io.siha.api.SiHaDefaults;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.demo.LocalNode;
import io.siha.node.engine.AppSource;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench --state}: how the HA pair's acknowledgements fare as the apps' state grows, in one run: a length window
 * of 1,000, 100,000 and 1,000,000 trades (quick: 1,000, 10,000 and 100,000), each in a pair of its own at the default
 * timing, filled first, then {@link #SENDERS} closed-loop senders of {@link #BATCH} events each, as users' clients
 * send: acknowledged events per second, the batches' acknowledgement p50 / p99 / max, and the longest time no batch
 * was acknowledged at all (a stall). The nodes get 2 GiB of heap, which a million events of this window needs
 * (README, Memory and sizing).
 */
final class StateBench {

    private static final int SENDERS = 3;
    private static final int BATCH = 100;
    private static final int FILL_IN_FLIGHT = 20_000;
    private static final List<String> NODE_JVM = List.of("-Xms2g", "-Xmx2g", "-XX:+UseParallelGC");

    /** One window size's figures. */
    record Outcome(int windowEvents, double ackedPerSecond, long p50Micros, long p99Micros, long maxMicros,
                   long longestStallMicros, long batches) {
    }

    private StateBench() {
    }

    static void run(BenchOptions options, PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("si-ha-bench-state");
        List<Integer> sizes = options.quick() ? List.of(1_000, 10_000, 100_000) : List.of(1_000, 100_000, 1_000_000);
        Duration measure = options.quick() ? Duration.ofSeconds(15) : Duration.ofSeconds(40);
        out.printf("si-ha bench --state: length windows of %s events, %d senders x batches of %d for %d s each after"
                + " the fill; node logs in %s%n", sizes, SENDERS, BATCH, measure.toSeconds(), work);
        List<Outcome> outcomes = new ArrayList<>();
        try (BenchCluster cluster = BenchCluster.start(work, Optional.empty())) {
            for (int size : sizes) {
                Outcome outcome = measure(cluster, size, measure);
                out.printf("window of %,d: %,.0f acked events/s; ack p50 / p99 / max %.1f / %.1f / %.1f ms; longest"
                                + " stall %.1f ms over %,d batches%n", size, outcome.ackedPerSecond(),
                        outcome.p50Micros() / 1e3, outcome.p99Micros() / 1e3, outcome.maxMicros() / 1e3,
                        outcome.longestStallMicros() / 1e3, outcome.batches());
                outcomes.add(outcome);
            }
        }
        out.println("| events in the window | acked events/s | ack p50 | ack p99 | ack max | longest stall |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        for (Outcome o : outcomes) {
            out.printf("| %,d | %,.0f | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", o.windowEvents(), o.ackedPerSecond(),
                    o.p50Micros() / 1e3, o.p99Micros() / 1e3, o.maxMicros() / 1e3, o.longestStallMicros() / 1e3);
        }
        Outcome small = outcomes.get(0);
        Outcome large = outcomes.get(outcomes.size() - 1);
        out.printf("RESULT state_1m_vs_1k_p99=%.2f state_1m_vs_1k_eps=%.2f state_1m_p99_ms=%.1f"
                        + " state_1m_longest_stall_ms=%.1f state_largest_window=%d%n",
                (double) large.p99Micros() / small.p99Micros(), large.ackedPerSecond() / small.ackedPerSecond(),
                large.p99Micros() / 1e3, large.longestStallMicros() / 1e3, large.windowEvents());
    }

    private static Outcome measure(BenchCluster cluster, int windowEvents, Duration measure) throws Exception {
        AppSource app = BenchApps.lengthWindow("StateWindow", windowEvents);
        List<LocalNode> nodes = cluster.startNodes("state-" + windowEvents, 2, SiHaDefaults.HEARTBEAT_INTERVAL_MS,
                SiHaDefaults.HEARTBEAT_MAX_RETRIES, SiHaDefaults.PERSISTENCE_INTERVAL_MS, true, List.of(app), Map.of(),
                NODE_JVM);
        try {
            LocalNode active = LocalNode.awaitActiveWithPassive(nodes, Duration.ofSeconds(60));
            try (SiHaClient client = SiHaClient.builder().endpoints(List.of(active.binaryIngestAddress()))
                    .transport(Transport.BINARY).build()) {
                fill(client, windowEvents);
                return closedLoop(client, windowEvents, measure);
            }
        } finally {
            nodes.forEach(LocalNode::stop);
        }
    }

    /** The window filled (and the JIT warmed) at full speed before anything is measured. */
    private static void fill(SiHaClient client, int events) throws InterruptedException {
        Semaphore inFlight = new Semaphore(FILL_IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (long n = 0; n < Math.max(events, 200_000) && failure.get() == null; n++) {
            inFlight.acquire();
            client.send("StateWindow", BenchApps.STREAM, null, BenchApps.trade(n)).whenComplete((ok, error) -> {
                inFlight.release();
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        client.flush();
        inFlight.acquire(FILL_IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("filling the window: " + failure.get().getMessage(), failure.get());
        }
    }

    private static Outcome closedLoop(SiHaClient client, int windowEvents, Duration measure) throws Exception {
        long end = System.nanoTime() + measure.toNanos();
        AckTimes acks = new AckTimes(System.nanoTime());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            long first = 1_000_000_000L * (s + 1);
            Thread sender = new Thread(() -> {
                try {
                    for (long n = first; System.nanoTime() < end; n += BATCH) {
                        long sent = System.nanoTime();
                        List<CompletableFuture<Void>> batch = new ArrayList<>(BATCH);
                        for (int i = 0; i < BATCH; i++) {
                            batch.add(client.send("StateWindow", BenchApps.STREAM, null, BenchApps.trade(n + i)));
                        }
                        client.flush();
                        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
                        acks.acked(sent, System.nanoTime());
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-state-sender-" + s);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a batch was not acknowledged: " + failure.get().getMessage(),
                    failure.get());
        }
        return acks.outcome(windowEvents, measure);
    }

    /** Every batch's acknowledgement time, and the longest gap between two acknowledgements of any sender. */
    private static final class AckTimes {

        private final List<Long> latencies = new ArrayList<>();
        private long lastAckNanos;
        private long longestGapNanos;

        AckTimes(long startNanos) {
            this.lastAckNanos = startNanos;
        }

        synchronized void acked(long sentNanos, long ackedNanos) {
            latencies.add((ackedNanos - sentNanos) / 1_000);
            longestGapNanos = Math.max(longestGapNanos, ackedNanos - lastAckNanos);
            lastAckNanos = Math.max(lastAckNanos, ackedNanos);
        }

        synchronized Outcome outcome(int windowEvents, Duration measure) {
            return new Outcome(windowEvents, (double) latencies.size() * BATCH / measure.toSeconds(),
                    Percentiles.of(latencies, 50), Percentiles.of(latencies, 99), Percentiles.of(latencies, 100),
                    longestGapNanos / 1_000, latencies.size());
        }
    }
}
