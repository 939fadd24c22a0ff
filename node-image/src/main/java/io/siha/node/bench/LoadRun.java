package io.siha.node.bench;

import io.siha.client.SiHaClient;
import io.siha.node.demo.LocalNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends events of one app as fast as the node acknowledges them, through a {@link SiHaClient} that batches, with
 * a bound on the events in flight so the client's memory stays flat, and counts the acknowledgements that arrive
 * inside the measured interval.
 */
final class LoadRun {

    private static final int MAX_IN_FLIGHT_EVENTS = 20_000;

    private LoadRun() {
    }

    /** @param cpu what the watched nodes and the machine used over the measured interval */
    record Measured(double eventsPerSecond, CpuMeter.Use cpu) {
    }

    /** Acknowledged events per second over {@code measure}, after {@code warmUp}. */
    static double ackedEventsPerSecond(SiHaClient client, BenchApps app, Duration warmUp, Duration measure)
            throws InterruptedException {
        return measured(client, app, warmUp, measure, List.of()).eventsPerSecond();
    }

    /** The same, with the CPU that {@code watched} and the machine used over the measured interval. */
    static Measured measured(SiHaClient client, BenchApps app, Duration warmUp, Duration measure,
                             List<LocalNode> watched) throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT_EVENTS);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        long n = 0;
        CpuMeter cpu = null;
        while (System.nanoTime() < measureTo && failure.get() == null) {
            if (cpu == null && System.nanoTime() >= measureFrom) {
                cpu = CpuMeter.start(watched);
            }
            inFlight.acquire();
            client.send(app.appName, BenchApps.STREAM, null, BenchApps.trade(n++)).whenComplete((ok, error) -> {
                inFlight.release();
                long now = System.nanoTime();
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (now >= measureFrom && now < measureTo) {
                    acked.incrementAndGet();
                }
            });
        }
        CpuMeter.Use used = cpu == null ? null : cpu.stop();
        client.flush();
        inFlight.acquire(MAX_IN_FLIGHT_EVENTS); // everything sent is answered before the next run starts
        if (failure.get() != null) {
            throw new IllegalStateException("the node did not acknowledge an event: " + failure.get().getMessage(),
                    failure.get());
        }
        return new Measured(acked.get() / (measure.toNanos() / 1e9), used);
    }

    /**
     * Sends {@code eventsPerSecond} in batches every millisecond for {@code duration}, waiting for nothing: the
     * load at which the replication latency is stated.
     */
    static void paced(SiHaClient client, BenchApps app, int eventsPerSecond, Duration duration)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * eventsPerSecond / 1_000_000_000L;
            for (; sent < due; sent++) {
                client.send(app.appName, BenchApps.STREAM, null, BenchApps.trade(sent))
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            client.flush();
            Thread.sleep(1);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the node did not acknowledge an event: " + failure.get().getMessage(),
                    failure.get());
        }
    }
}
