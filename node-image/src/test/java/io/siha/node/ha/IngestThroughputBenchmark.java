package io.siha.node.ha;

import io.siha.api.NodeEnv;
import io.siha.client.ClientEvent;
import io.siha.client.Transport;
import io.siha.node.demo.Demo;
import io.siha.node.demo.FailoverClient;
import io.siha.node.testing.LocalPair;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A program, not a test: events per second through the HTTP ingest of a real pair (two node processes, embedded
 * PostgreSQL), acknowledging after the passive has each event and acknowledging without waiting for it.
 * Run: {@code java -cp <test classpath> io.siha.node.ha.IngestThroughputBenchmark [seconds] [clients] [batch]}.
 */
public final class IngestThroughputBenchmark {

    private IngestThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        double withPassive = run("bench-ack-passive", Map.of(), seconds, clients, batch);
        double withoutPassive = run("bench-ack-local", Map.of(NodeEnv.SYNC_ACK_AFTER_PASSIVE, "false"), seconds,
                clients, batch);
        System.out.printf("HTTP ingest, %d clients x batches of %d, %d s each: ack after passive %.0f events/s, "
                + "ack without waiting %.0f events/s (ratio %.2f)%n", clients, batch, seconds, withPassive,
                withoutPassive, withPassive / withoutPassive);
        System.exit(0);
    }

    private static double run(String group, Map<String, String> env, int seconds, int clients, int batchSize)
            throws Exception {
        try (LocalPair pair = new LocalPair(group, 1000, 10_000, env).start()) {
            pair.awaitWhole(Duration.ofSeconds(60));
            AtomicLong acked = new AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                FailoverClient http = pair.newClient(Transport.HTTP);
                Thread thread = new Thread(() -> {
                    long next = 0;
                    try (http) {
                        while (System.nanoTime() < end) {
                            List<ClientEvent> batch = new ArrayList<>(batchSize);
                            for (int i = 0; i < batchSize; i++) {
                                batch.add(ClientEvent.of(client + "-" + next++, "eu", 1L));
                            }
                            http.send(Demo.APP, Demo.STREAM, batch);
                            acked.addAndGet(batchSize);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long counted = pair.counted();
            if (counted != acked.get()) {
                throw new IllegalStateException("counted " + counted + " but acknowledged " + acked.get());
            }
            return acked.get() / (double) seconds;
        }
    }
}
