package io.siha.node.ha;

import io.siha.node.metrics.TakeoverMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs each step of a takeover until it succeeds, retrying failures (a database blip) for as long as the node
 * still holds the lease. So a takeover ends either fully active or abandoned, never half-active with some
 * sources never started (a fault of the source system).
 */
final class TakeoverSteps {

    private static final Logger log = LoggerFactory.getLogger(TakeoverSteps.class);

    /** A step that may fail and may be retried. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    private final long epoch;
    private final BooleanSupplier holdsLease;
    private final Duration retryDelay;
    private final TakeoverMeter meter;
    /** Each step's time, retries included, for the takeover's log line: where a slow failover went. */
    private final StringBuilder timings = new StringBuilder();

    TakeoverSteps(long epoch, BooleanSupplier holdsLease, Duration retryDelay, TakeoverMeter meter) {
        this.epoch = epoch;
        this.holdsLease = holdsLease;
        this.retryDelay = retryDelay;
        this.meter = meter;
    }

    <T> T call(TakeoverStep step, Step<T> work) throws TakeoverAbandonedException {
        long started = System.nanoTime();
        T result = attempt(step.description(), work);
        long nanos = System.nanoTime() - started;
        meter.step(step.label(), nanos);
        timings.append(timings.length() == 0 ? "" : ", ").append(step.description()).append(' ')
                .append(nanos / 1_000_000).append(" ms");
        return result;
    }

    /** What each step took so far, e.g. {@code claim the persistence fence 4 ms, ...}. */
    String timings() {
        return timings.toString();
    }

    private <T> T attempt(String name, Step<T> step) throws TakeoverAbandonedException {
        int attempt = 0;
        while (true) {
            if (!holdsLease.getAsBoolean()) {
                throw new TakeoverAbandonedException("lease epoch " + epoch + " lost before step '" + name + "'",
                        null);
            }
            attempt++;
            try {
                return step.run();
            } catch (Exception e) {
                if (e instanceof NonRetryable) {
                    throw new TakeoverAbandonedException("step '" + name + "' cannot succeed: " + e.getMessage(), e);
                }
                log.warn("takeover epoch {}: step '{}' failed (attempt {}), retrying: {}", epoch, name, attempt,
                        e.toString());
                try {
                    Thread.sleep(retryDelay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TakeoverAbandonedException("interrupted during step '" + name + "'", interrupted);
                }
            }
        }
    }

    void run(TakeoverStep step, ThrowingRunnable work) throws TakeoverAbandonedException {
        call(step, () -> {
            work.run();
            return null;
        });
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Marks a failure that retrying cannot fix: a newer epoch owns the state, a snapshot cannot be restored. */
    static final class NonRetryable extends Exception {
        NonRetryable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
