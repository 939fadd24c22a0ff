package io.siha.node.bench;

import io.siha.api.NodeEnv;
import io.siha.api.SiHaDefaults;
import io.siha.client.SiHaClient;
import io.siha.client.Transport;
import io.siha.node.demo.LocalNode;
import io.siha.node.engine.AppSource;

import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench --state}: how the HA pair's acknowledgements fare as the apps' state grows, in one run: a length window
 * of 1,000, 100,000 and 1,000,000 trades (quick: 1,000, 10,000 and 100,000), each in a pair of its own at the default
 * timing, filled first, then {@link #SENDERS} closed-loop senders of {@link #BATCH} events each, as users' clients
 * send: acknowledged events per second, the batches' acknowledgement p50 / p99 / max, and the longest time no batch
 * was acknowledged at all (a stall). Then the active is killed under full load, and the survivor's cold takeover (what
 * it replayed, how long it took) is read from its log: what a long queue costs a cold standby. The largest window runs
 * once more with the passive's queue bounded at {@link #OLD_QUEUE_CAPACITY} events, the default before it was
 * 1,000,000, side by side. The nodes get 2 GiB of heap, which a million events of this window needs (README, Memory
 * and sizing).
 */
final class StateBench {

    private static final int SENDERS = 3;
    private static final int BATCH = 100;
    private static final int FILL_IN_FLIGHT = 20_000;
    private static final int OLD_QUEUE_CAPACITY = 100_000;
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(4);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(120);
    /**
     * G1, which the JVM picks by itself in a pod of 2 CPUs and 2 GiB or more (the node image sets no collector): with
     * a million events of state ParallelGC's full collections paused the active 520 to 714 ms, G1's young ones 100 to
     * 250 (README, State that grows).
     */
    private static final List<String> NODE_JVM = List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");
    private static final Pattern TAKEOVER_LINE = Pattern.compile("takeover epoch (\\d+) done in (\\d+) ms: snapshot"
            + " revision \\d+ \\(seq \\d+\\), replayed (\\d+) queued events");

    /** One setup's figures. */
    record Outcome(int windowEvents, int queueCapacity, Acks acks, ColdTakeover takeover) {
    }

    /** The closed-loop senders' acknowledgements. */
    record Acks(double perSecond, long p50Micros, long p99Micros, long maxMicros, long longestStallMicros,
                long batches) {
    }

    /** The survivor's takeover after a SIGKILL of the active under full load, as it logged it. */
    record ColdTakeover(long replayedEvents, long takeoverMs) {
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
                outcomes.add(say(out, measure(cluster, size, SiHaDefaults.SYNC_QUEUE_CAPACITY, measure)));
            }
            outcomes.add(say(out, measure(cluster, sizes.get(sizes.size() - 1), OLD_QUEUE_CAPACITY, measure)));
        }
        out.println("| events in the window | queue bound, events | acked events/s | ack p50 | ack p99 | ack max |"
                + " longest stall | cold takeover after a kill: replayed, took |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Outcome o : outcomes) {
            Acks a = o.acks();
            out.printf("| %,d | %,d | %,.0f | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %,d events, %,d ms |%n",
                    o.windowEvents(), o.queueCapacity(), a.perSecond(), a.p50Micros() / 1e3, a.p99Micros() / 1e3,
                    a.maxMicros() / 1e3, a.longestStallMicros() / 1e3, o.takeover().replayedEvents(),
                    o.takeover().takeoverMs());
        }
        Acks small = outcomes.get(0).acks();
        Outcome large = outcomes.get(sizes.size() - 1);
        Outcome oldQueue = outcomes.get(sizes.size());
        out.printf("RESULT state_1m_vs_1k_p99=%.2f state_1m_vs_1k_eps=%.2f state_1m_p99_ms=%.1f"
                        + " state_1m_longest_stall_ms=%.1f state_largest_window=%d state_1m_takeover_ms=%d"
                        + " state_1m_old_queue_p99_ms=%.1f state_1m_old_queue_eps=%.0f"
                        + " state_1m_old_queue_takeover_ms=%d%n",
                (double) large.acks().p99Micros() / small.p99Micros(), large.acks().perSecond() / small.perSecond(),
                large.acks().p99Micros() / 1e3, large.acks().longestStallMicros() / 1e3, large.windowEvents(),
                large.takeover().takeoverMs(), oldQueue.acks().p99Micros() / 1e3, oldQueue.acks().perSecond(),
                oldQueue.takeover().takeoverMs());
    }

    private static Outcome say(PrintStream out, Outcome o) {
        Acks a = o.acks();
        out.printf("window of %,d, queue of %,d: %,.0f acked events/s; ack p50 / p99 / max %.1f / %.1f / %.1f ms;"
                        + " longest stall %.1f ms over %,d batches; cold takeover after a kill replayed %,d events in"
                        + " %,d ms%n", o.windowEvents(), o.queueCapacity(), a.perSecond(), a.p50Micros() / 1e3,
                a.p99Micros() / 1e3, a.maxMicros() / 1e3, a.longestStallMicros() / 1e3, a.batches(),
                o.takeover().replayedEvents(), o.takeover().takeoverMs());
        return o;
    }

    private static Outcome measure(BenchCluster cluster, int windowEvents, int queueCapacity, Duration measure)
            throws Exception {
        AppSource app = BenchApps.lengthWindow("StateWindow", windowEvents);
        List<LocalNode> nodes = cluster.startNodes("state-" + windowEvents + "-q" + queueCapacity, 2,
                SiHaDefaults.HEARTBEAT_INTERVAL_MS, SiHaDefaults.HEARTBEAT_MAX_RETRIES,
                SiHaDefaults.PERSISTENCE_INTERVAL_MS, true, List.of(app),
                Map.of(NodeEnv.SYNC_QUEUE_CAPACITY, String.valueOf(queueCapacity)), NODE_JVM);
        try {
            LocalNode active = LocalNode.awaitActiveWithPassive(nodes, Duration.ofSeconds(60));
            try (SiHaClient client = client(active)) {
                fill(client, windowEvents);
                Acks acks = closedLoop(client, measure);
                return new Outcome(windowEvents, queueCapacity, acks, killUnderLoad(client, active, nodes));
            }
        } finally {
            nodes.forEach(LocalNode::stop);
        }
    }

    private static SiHaClient client(LocalNode node) {
        return SiHaClient.builder().endpoints(List.of(node.binaryIngestAddress())).transport(Transport.BINARY).build();
    }

    /** The window filled (and the JIT warmed) at full speed before anything is measured. */
    private static void fill(SiHaClient client, int events) throws InterruptedException {
        long count = Math.max(events, 200_000);
        Throwable failure = sendAtFullSpeed(client, 0, n -> n < count, true);
        if (failure != null) {
            throw new IllegalStateException("filling the window: " + failure.getMessage(), failure);
        }
    }

    /**
     * Sends trades numbered from {@code first} while {@code more} says so, as fast as {@link #FILL_IN_FLIGHT}
     * unanswered events allow, until one fails; then, if asked, waits for every answer. Returns the first failure, or
     * null.
     */
    private static Throwable sendAtFullSpeed(SiHaClient client, long first, LongPredicate more, boolean awaitAnswers)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(FILL_IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (long n = first; more.test(n) && failure.get() == null; n++) {
            inFlight.acquire();
            client.send("StateWindow", BenchApps.STREAM, null, BenchApps.trade(n)).whenComplete((ok, error) -> {
                inFlight.release();
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        if (awaitAnswers) {
            client.flush();
            inFlight.acquire(FILL_IN_FLIGHT);
        }
        return failure.get();
    }

    private static Acks closedLoop(SiHaClient client, Duration measure) throws Exception {
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
        return acks.figures(measure);
    }

    /**
     * Full load for a few seconds (what fills the passive's queue between snapshots), a SIGKILL of the active, and the
     * survivor's takeover line. The events sent meanwhile are not checked here: the failover runs of the main bench
     * and the fault tests check every one.
     */
    private static ColdTakeover killUnderLoad(SiHaClient client, LocalNode active, List<LocalNode> nodes)
            throws Exception {
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            try {
                sendAtFullSpeed(client, 5_000_000_000L, n -> sending.get(), false); // the kill fails the last ones
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-state-load");
        load.start();
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        active.kill();
        sending.set(false);
        LocalNode survivor = nodes.get(0) == active ? nodes.get(1) : nodes.get(0);
        long deadline = System.nanoTime() + TAKEOVER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ColdTakeover> takeover = takeoverAfterTheFirst(survivor.log());
            if (takeover.isPresent()) {
                load.interrupt();
                return takeover.get();
            }
            Thread.sleep(100);
        }
        load.interrupt();
        throw new IllegalStateException("no takeover by " + survivor.log() + " within " + TAKEOVER_TIMEOUT.toSeconds()
                + " s of the kill");
    }

    /** The survivor's own takeover: of an epoch after the pair's first. */
    private static Optional<ColdTakeover> takeoverAfterTheFirst(Path log) throws IOException {
        Matcher line = TAKEOVER_LINE.matcher(Files.readString(log));
        while (line.find()) {
            if (Long.parseLong(line.group(1)) > 1) {
                return Optional.of(new ColdTakeover(Long.parseLong(line.group(3)), Long.parseLong(line.group(2))));
            }
        }
        return Optional.empty();
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

        synchronized Acks figures(Duration measure) {
            return new Acks((double) latencies.size() * BATCH / measure.toSeconds(), Percentiles.of(latencies, 50),
                    Percentiles.of(latencies, 99), Percentiles.of(latencies, 100), longestGapNanos / 1_000,
                    latencies.size());
        }
    }
}
