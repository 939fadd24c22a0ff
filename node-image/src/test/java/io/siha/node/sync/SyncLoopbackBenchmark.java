package io.siha.node.sync;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Replication throughput and ack latency of one client and one server on loopback; a program, not a test.
 * Run with the test classpath: {@code java -cp ... io.siha.node.sync.SyncLoopbackBenchmark [events]}.
 */
public final class SyncLoopbackBenchmark {

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int latencySamples = 20_000;
        // Room for everything: no snapshot trims the queue here.
        PassiveQueue queue = new PassiveQueue(latencySamples + events);
        try (SyncServer server = new SyncServer(TestSettings.node("passive"), queue);
             SyncClient client = new SyncClient(TestSettings.node("active"), 1, new IgnoringListener())) {
            server.start("127.0.0.1", 0);
            client.connectTo(SyncReplicationTest.address(server.port()));
            while (!client.connected()) {
                LockSupport.parkNanos(1_000_000);
            }
            long seq = 0;
            // Latency: one event at a time, waiting for its ack (what a single synchronous client sees).
            long[] latencies = new long[latencySamples];
            for (int i = 0; i < latencies.length; i++) {
                long start = System.nanoTime();
                client.replicate(TestEvents.event(++seq));
                while (client.ackedSeq() < seq) {
                    LockSupport.parkNanos(5_000); // not a spin: on 2 cores it would starve the I/O threads
                }
                latencies[i] = System.nanoTime() - start;
            }
            Arrays.sort(latencies);
            System.out.printf("ack latency, one event in flight: p50 %d us, p99 %d us, max %d us%n",
                    latencies[latencies.length / 2] / 1000, latencies[latencies.length * 99 / 100] / 1000,
                    latencies[latencies.length - 1] / 1000);
            // Throughput: replicate as fast as one thread can, until everything is acked.
            long first = seq + 1;
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                client.replicate(TestEvents.event(++seq));
            }
            while (client.ackedSeq() < seq) {
                LockSupport.parkNanos(100_000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput: %d events (4 attributes) replicated and acked in %.2f s = %.0f events/s%n",
                    seq - first + 1, seconds, (seq - first + 1) / seconds);
        }
    }

    /** Acks are read from {@link SyncClient#ackedSeq()}; the listener has nothing to do. */
    private static final class IgnoringListener implements SyncListener {
        @Override
        public void acked(long seq) {
        }

        @Override
        public void connectionChanged(boolean connected) {
        }
    }
}
