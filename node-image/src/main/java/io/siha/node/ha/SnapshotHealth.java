package io.siha.node.ha;

import io.siha.node.metrics.SnapshotMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether an active term's snapshots are being written: the age of the last one, failures in a row, when to try
 * again, and a log that says so at the start of a failing streak, every {@link #REPORT_EVERY_MS} while it lasts and
 * at its end, rather than on every attempt. Snapshots that stop must be seen: their age is on {@code /v1/status} and
 * {@code /metrics}, and the operator reports a pod whose snapshots are late.
 */
final class SnapshotHealth {

    private static final Logger log = LoggerFactory.getLogger(SnapshotHealth.class);
    /** After a failure, the next attempt waits this long: a failing database is not asked a hundred times a second. */
    static final long RETRY_GAP_MS = 50;
    private static final long REPORT_EVERY_MS = 10_000;

    private final long epoch;
    private final SnapshotMeter meter;
    private volatile long lastSuccessNanos = System.nanoTime();
    private volatile long nextAttemptNanos = System.nanoTime();
    // Guarded by this.
    private int failuresInRow;
    private long failingSinceNanos;
    private long lastReportNanos;

    SnapshotHealth(long epoch, SnapshotMeter meter) {
        this.epoch = epoch;
        this.meter = meter;
    }

    synchronized void succeeded() {
        long now = System.nanoTime();
        if (failuresInRow > 0) {
            log.info("snapshots of epoch {} written again after {} failed attempts over {} ms", epoch, failuresInRow,
                    TimeUnit.NANOSECONDS.toMillis(now - failingSinceNanos));
        }
        failuresInRow = 0;
        lastSuccessNanos = now;
        nextAttemptNanos = now;
    }

    synchronized void failed(Throwable failure) {
        long now = System.nanoTime();
        meter.failed();
        if (failuresInRow++ == 0) {
            failingSinceNanos = now;
            lastReportNanos = now;
            log.warn("snapshot of epoch {} failed, retrying every {} ms: {}", epoch, RETRY_GAP_MS, failure.toString());
        } else if (now - lastReportNanos >= TimeUnit.MILLISECONDS.toNanos(REPORT_EVERY_MS)) {
            lastReportNanos = now;
            log.warn("snapshots of epoch {} failing for {} ms ({} attempts), the last snapshot is {} ms old: {}", epoch,
                    TimeUnit.NANOSECONDS.toMillis(now - failingSinceNanos), failuresInRow, ageMs(),
                    failure.toString());
        }
        nextAttemptNanos = now + TimeUnit.MILLISECONDS.toNanos(RETRY_GAP_MS);
    }

    /**
     * Since when snapshots have been failing, if they have failed for at least {@code after} in a row: a lone failure
     * retried at once is no news for the operator.
     */
    synchronized Optional<Instant> failingSince(Duration after) {
        if (failuresInRow == 0) {
            return Optional.empty();
        }
        long streakNanos = System.nanoTime() - failingSinceNanos;
        if (streakNanos < after.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(Instant.now().minusNanos(streakNanos).truncatedTo(ChronoUnit.SECONDS));
    }

    /** How long ago the last snapshot of this term was written (the takeover's own counts). */
    long ageMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastSuccessNanos);
    }

    /** No attempt before this {@link System#nanoTime()}. */
    long nextAttemptNanos() {
        return nextAttemptNanos;
    }
}
