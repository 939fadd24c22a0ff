package io.siha.node.bench;

import io.siha.client.SiHaClient;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Events with ids at a fixed rate from a thread of its own, each one retried by the client across failovers, and
 * the count of those acknowledged. The demo's counting app has a region and an amount; the {@code n}th event's
 * amount is {@code n}, so an output names the order it came from.
 */
final class SteadyTraffic {

    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    private SteadyTraffic(SiHaClient client, String app, String stream, int eventsPerSecond) {
        sender = new Thread(() -> send(client, app, stream, eventsPerSecond), "bench-steady-traffic");
    }

    static SteadyTraffic start(SiHaClient client, String app, String stream, int eventsPerSecond) {
        SteadyTraffic traffic = new SteadyTraffic(client, app, stream, eventsPerSecond);
        traffic.sender.start();
        return traffic;
    }

    private void send(SiHaClient client, String app, String stream, int eventsPerSecond) {
        long start = System.nanoTime();
        while (!stopping) {
            long due = (System.nanoTime() - start) * eventsPerSecond / 1_000_000_000L;
            while (sent.get() < due) {
                long n = sent.getAndIncrement();
                client.send(app, stream, "steady-" + n, "eu", n).whenComplete((ok, error) -> {
                    if (error == null) {
                        acked.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    answered.incrementAndGet();
                });
            }
            client.flush();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() throws InterruptedException {
        stopping = true;
        sender.join();
    }

    /** Waits until every event sent was answered; returns how many were acknowledged. */
    long awaitAnswers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered.get() < sent.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((sent.get() - answered.get()) + " events unanswered after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an event was not acknowledged: " + failure.get().getMessage(),
                    failure.get());
        }
        return acked.get();
    }
}
