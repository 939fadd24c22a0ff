package io.siha.node.testing;

import io.siha.client.ClientEvent;
import io.siha.node.demo.Demo;
import io.siha.node.demo.FailoverClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Clients sending acknowledged events to a {@link LocalPair} until stopped: each thread sends batches of events
 * with unique ids through its own {@link FailoverClient}, which retries a batch with the same ids at
 * either node until one acknowledges it. Counts what was acknowledged and records every acknowledgement.
 */
public final class Traffic implements AutoCloseable {

    /** One acknowledged batch: which node, when, and how long after it was first sent. */
    public record Ack(int endpoint, long atNanos, long latencyNanos, int events) {
    }

    private static final long AMOUNTS_PER_THREAD = 1_000_000_000L;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLongArray lastAckNanos = new AtomicLongArray(2);
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<List<Long>> ackedAmounts = new ArrayList<>();
    private volatile Exception failure;

    /** One thread sending batches of 10. */
    public Traffic(LocalPair pair) {
        this(pair, 1, 10);
    }

    public Traffic(LocalPair pair, int threadCount, int batchSize) {
        String run = Long.toString(System.nanoTime(), 36);
        for (int t = 0; t < threadCount; t++) {
            FailoverClient client = pair.newClient();
            String prefix = run + "-" + t + "-";
            List<Long> amounts = Collections.synchronizedList(new ArrayList<>());
            ackedAmounts.add(amounts);
            long firstAmount = t * AMOUNTS_PER_THREAD + 1;
            Thread thread = new Thread(() -> send(client, prefix, firstAmount, amounts, batchSize), "test-traffic-" + t);
            threads.add(thread);
            thread.start();
        }
    }

    private void send(FailoverClient client, String prefix, long firstAmount, List<Long> ackedAmounts,
                      int batchSize) {
        long next = 0;
        try (client) {
            while (running.get() && failure == null) {
                List<ClientEvent> batch = new ArrayList<>(batchSize);
                List<Long> amounts = new ArrayList<>(batchSize);
                for (int i = 0; i < batchSize; i++, next++) {
                    amounts.add(firstAmount + next);
                    batch.add(ClientEvent.of(prefix + next, "eu", firstAmount + next));
                }
                long sent = System.nanoTime();
                FailoverClient.Ack ack = client.send(Demo.APP, Demo.STREAM, batch);
                ackedAmounts.addAll(amounts);
                acked.addAndGet(batch.size());
                lastAckNanos.accumulateAndGet(ack.endpoint(), ack.atNanos(), Math::max);
                acks.add(new Ack(ack.endpoint(), ack.atNanos(), ack.atNanos() - sent, batch.size()));
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /**
     * The amounts of the acknowledged events, per sending thread in the order it sent them. Every event's amount is
     * unique (thread t sends t x 10^9 + 1, + 2, ...), so an output carrying it names its input.
     */
    public List<List<Long>> ackedAmounts() {
        return ackedAmounts.stream().map(List::copyOf).toList();
    }

    public long acked() {
        return acked.get();
    }

    public Exception failure() {
        return failure;
    }

    /** Every acknowledgement so far. */
    public List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** Acknowledgements between two instants (System.nanoTime). */
    public List<Ack> acksBetween(long fromNanos, long toNanos) {
        return acks.stream().filter(a -> a.atNanos() - fromNanos >= 0 && a.atNanos() - toNanos < 0).toList();
    }

    /** Waits for the first acknowledgement by node {@code endpoint} after {@code sinceNanos}; returns its time. */
    public long awaitAckAfter(long sinceNanos, int endpoint, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastAckNanos.get(endpoint) - sinceNanos <= 0) {
            check();
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no acknowledgement by node " + endpoint + " within " + timeout.toMillis()
                        + " ms");
            }
            Thread.sleep(1);
        }
        return lastAckNanos.get(endpoint);
    }

    /** Waits until {@code events} more events than now have been acknowledged, by any node. */
    public void awaitMore(long events, Duration timeout) throws InterruptedException {
        long target = acked.get() + events;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked.get() < target) {
            check();
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(events + " more acknowledged events did not come within "
                        + timeout.toMillis() + " ms (" + acked.get() + " so far)");
            }
            Thread.sleep(2);
        }
    }

    /** Stops sending, waits for every batch in flight to be acknowledged; returns the acknowledged events. */
    public long stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(90));
        }
        check();
        return acked.get();
    }

    private void check() {
        if (failure != null) {
            throw new AssertionError("traffic failed: " + failure, failure);
        }
    }

    /** The p-th percentile (0..100) of {@code values}, in the values' unit; 0 when empty. */
    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
