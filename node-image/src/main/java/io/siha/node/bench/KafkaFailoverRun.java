package io.siha.node.bench;

import io.siha.node.demo.LocalNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SIGKILL of the HA pair's active while records go through both relay apps at a steady rate, a few times, the
 * killed node restarted each time (as the kubelet would) and let rejoin as passive before the next kill. The same
 * numbered records go to both apps' input topics; a reader per output topic ({@link KafkaOutputReader}) keeps every
 * output with the time it was read. Per kill and sink mode: the longest time from a record's production to its
 * output read, of the records produced from a second before the kill to a second before the next (what a reader
 * waits through the takeover), and the time from the kill to the first output of a record produced after the node
 * was gone. At the end, every record produced must have come out: lost, repeated, and of the repeats those under
 * another {@code siha-output-id} than the first (which a reader could not de-duplicate).
 */
final class KafkaFailoverRun {

    /** Records a second into each app: the gap is what is measured, and an output every 5 ms resolves it. */
    static final int RATE = 200;
    /** Ids apart from the relay rounds' (which start at 1), so that nothing of those can count here. */
    private static final long FIRST_ID = 1_000_000_000L;
    /** Steady traffic through the whole pair before each kill (and after the last). */
    private static final long SETTLE_MS = 3_000;
    /** Records produced this long before a kill still count for it: the killed node may have held them. */
    private static final long BEFORE_KILL_MS = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** One kill: when it was sent, and when the process was gone (epoch ms). */
    record Kill(long atMs, long goneAtMs) {
    }

    /**
     * One sink mode's figures over all kills.
     *
     * @param longestMs      per kill, the longest produced-to-read time of the records produced around it
     * @param firstOutputMs  per kill, the kill to the first output of a record produced after the node was gone
     * @param p99Ms          the produced-to-read p99 of every record of the run, kills included
     * @param repeated       outputs read again after their first
     * @param underAnotherId of those, outputs under another {@code siha-output-id} than their first
     * @param unexpected     outputs of no record this run produced
     */
    record Outcome(String delivery, List<Long> longestMs, List<Long> firstOutputMs, long p99Ms, long produced,
                   long lost, long repeated, long underAnotherId, long unexpected) {

        long gapP50Ms() {
            return Percentiles.of(longestMs, 50);
        }

        long gapMaxMs() {
            return Percentiles.of(longestMs, 100);
        }

        long firstOutputP50Ms() {
            return Percentiles.of(firstOutputMs, 50);
        }
    }

    private KafkaFailoverRun() {
    }

    /** {@code kills} SIGKILLs of the active of {@code pair}, which runs both relay apps of {@link KafkaRelayRun}. */
    static List<Outcome> run(List<LocalNode> pair, String servers, int kills) throws Exception {
        Map<String, KafkaOutputReader> readers = new HashMap<>();
        for (String delivery : KafkaRelayRun.DELIVERIES) {
            readers.put(delivery, KafkaOutputReader.start(servers,
                    KafkaRelayRun.out(KafkaRelayRun.Setup.HA, delivery)));
        }
        try {
            SteadyProducer producer = new SteadyProducer(servers);
            Thread producing = new Thread(producer, "bench-kafka-producer");
            producing.start();
            List<Kill> done;
            try {
                done = kill(pair, kills);
                Thread.sleep(SETTLE_MS);
            } finally {
                producer.stopped = true;
                producing.join();
            }
            if (producer.failure != null) {
                throw new IllegalStateException("the broker refused a record", producer.failure);
            }
            long produced = producer.produced.get();
            awaitAll(readers.values(), produced);
            List<Outcome> outcomes = new ArrayList<>();
            for (String delivery : KafkaRelayRun.DELIVERIES) {
                outcomes.add(outcome(delivery, readers.get(delivery).reads(), produced, done));
            }
            return outcomes;
        } finally {
            for (KafkaOutputReader reader : readers.values()) {
                reader.close();
            }
        }
    }

    private static List<Kill> kill(List<LocalNode> pair, int kills) throws InterruptedException {
        List<Kill> done = new ArrayList<>();
        for (int attempt = 0; done.size() < kills && attempt < 3 * kills; attempt++) {
            LocalNode active = LocalNode.awaitActiveWithPassive(pair, TIMEOUT);
            Thread.sleep(SETTLE_MS);
            if (!active.isActiveWithPassive()) {
                continue; // the roles moved on their own meanwhile: this would not be a kill of the active
            }
            long at = System.currentTimeMillis();
            active.kill(); // returns once the process is gone
            done.add(new Kill(at, System.currentTimeMillis()));
            active.start();
        }
        LocalNode.awaitActiveWithPassive(pair, TIMEOUT);
        return done;
    }

    /** Until every reader read every record produced, or the timeout; then a while longer, for late repeats. */
    private static void awaitAll(Iterable<KafkaOutputReader> readers, long produced) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (KafkaOutputReader reader : readers) {
            while (reader.readOf(FIRST_ID, produced) < produced && System.nanoTime() - deadline < 0) {
                Thread.sleep(50);
            }
        }
        Thread.sleep(2_000);
    }

    static Outcome outcome(String delivery, List<KafkaOutputReader.Read> reads, long produced, List<Kill> kills) {
        Map<Long, KafkaOutputReader.Read> first = new HashMap<>();
        long repeated = 0;
        long underAnotherId = 0;
        long unexpected = 0;
        for (KafkaOutputReader.Read read : reads) {
            if (read.id() < FIRST_ID || read.id() >= FIRST_ID + produced) {
                unexpected++;
                continue;
            }
            KafkaOutputReader.Read earlier = first.putIfAbsent(read.id(), read);
            if (earlier != null) {
                repeated++;
                if (!earlier.outputId().equals(read.outputId())) {
                    underAnotherId++;
                }
            }
        }
        List<Long> longest = new ArrayList<>();
        List<Long> firstOutput = new ArrayList<>();
        for (int k = 0; k < kills.size(); k++) {
            Kill kill = kills.get(k);
            long from = kill.atMs() - BEFORE_KILL_MS;
            long to = k + 1 < kills.size() ? kills.get(k + 1).atMs() - BEFORE_KILL_MS : Long.MAX_VALUE;
            longest.add(first.values().stream().filter(r -> r.sentAtMs() >= from && r.sentAtMs() < to)
                    .mapToLong(KafkaOutputReader.Read::latencyMs).max().orElse(-1));
            firstOutput.add(first.values().stream().filter(r -> r.sentAtMs() >= kill.goneAtMs() && r.sentAtMs() < to)
                    .mapToLong(KafkaOutputReader.Read::readAtMs).min().orElse(kill.atMs() - 1) - kill.atMs());
        }
        List<Long> latencies = first.values().stream().map(KafkaOutputReader.Read::latencyMs).toList();
        return new Outcome(delivery, longest, firstOutput, latencies.isEmpty() ? -1 : Percentiles.of(latencies, 99),
                produced, produced - first.size(), repeated, underAnotherId, unexpected);
    }

    /** Numbered records from {@link #FIRST_ID} on, each to both apps' input topics, {@link #RATE} a second. */
    private static final class SteadyProducer implements Runnable {

        private final String servers;
        private final AtomicLong produced = new AtomicLong();
        private final List<Future<RecordMetadata>> sends = new ArrayList<>();
        private volatile boolean stopped;
        private volatile Throwable failure;

        SteadyProducer(String servers) {
            this.servers = servers;
        }

        @Override
        public void run() {
            try (KafkaProducer<byte[], byte[]> producer = KafkaRelayRun.producer(servers)) {
                long started = System.nanoTime();
                for (long n = 0; !stopped; n++) {
                    for (String delivery : KafkaRelayRun.DELIVERIES) {
                        sends.add(KafkaRelayRun.send(producer, KafkaRelayRun.in(KafkaRelayRun.Setup.HA, delivery),
                                FIRST_ID + n));
                    }
                    produced.set(n + 1);
                    long wait = started + (n + 1) * 1_000_000_000L / RATE - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                producer.flush();
                for (Future<RecordMetadata> send : sends) {
                    send.get(); // the broker stays up: a record it refused would read as lost
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
        }
    }
}
