package io.siha.node.bench;

import io.siha.node.sync.PassiveQueue;
import io.siha.node.sync.SyncClient;
import io.siha.node.sync.SyncEvent;
import io.siha.node.sync.SyncListener;
import io.siha.node.sync.SyncServer;
import io.siha.node.sync.SyncSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * What one queued event costs the passive, measured rather than estimated: a real sync server and client on
 * loopback in this JVM replicate events of three attributes with client ids, no snapshot trims the queue, and the
 * heap in use after a full GC is compared before and after.
 */
final class QueueFootprint {

    private static final int MAX_FRAME_BYTES = 1024 * 1024;

    private QueueFootprint() {
    }

    /**
     * Bytes of heap per queued event, over {@code events} events: the heap in use with the queue full, minus the
     * heap in use once the queue (and its server) are gone. The active's journal holds the same events in this
     * JVM, so its client is closed before the first measurement.
     */
    static long bytesPerEvent(int events) {
        long withQueue = heapUsedWithQueueOf(events);
        // Everything the measurement built was local to it and is garbage now.
        return (withQueue - heapUsedAfterGc()) / events;
    }

    private static long heapUsedWithQueueOf(int events) {
        byte[] secret = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        PassiveQueue queue = new PassiveQueue(events);
        try (SyncServer server = new SyncServer(settings("passive", secret, events), queue)) {
            server.start("127.0.0.1", 0);
            fill(server.port(), secret, events);
            if (queue.size() != events) {
                throw new IllegalStateException("the passive's queue holds " + queue.size() + " events, expected "
                        + events);
            }
            return heapUsedAfterGc();
        }
    }

    private static void fill(int port, byte[] secret, int events) {
        try (SyncClient client = new SyncClient(settings("active", secret, events), 1, new NoListener())) {
            client.connectTo(new InetSocketAddress("127.0.0.1", port));
            for (long seq = 1; seq <= events; seq++) {
                client.replicate(new SyncEvent(seq, System.currentTimeMillis(), BenchApps.FILTER.appName,
                        BenchApps.STREAM, UUID.randomUUID().toString(), BenchApps.trade(seq)));
                if (seq % 10_000 == 0) {
                    awaitAcked(client, seq - 5_000); // keeps the send window from stalling the loop
                }
            }
            awaitAcked(client, events);
        }
    }

    private static SyncSettings settings(String nodeId, byte[] secret, int events) {
        return new SyncSettings("bench", nodeId, secret, events, MAX_FRAME_BYTES);
    }

    private static void awaitAcked(SyncClient client, long seq) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((!client.connected() || client.ackedSeq() < seq) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        if (client.ackedSeq() < seq) {
            throw new IllegalStateException("the passive acknowledged seq " + client.ackedSeq() + " of " + seq);
        }
    }

    static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static final class NoListener implements SyncListener {
        @Override
        public void acked(long seq) {
        }

        @Override
        public void connectionChanged(boolean connected) {
        }
    }
}
