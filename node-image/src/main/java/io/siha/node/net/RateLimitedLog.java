package io.siha.node.net;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A WARN line per kind of event at most once per interval, each saying how many like it were left out since the last
 * one: a flood of refused connections costs a line every few seconds, not one per connection, and the count still
 * shows how big it was. A kind names what happened ("connection cap", "no token"), never a client's address, so the
 * kinds stay few; beyond {@link #MAX_KINDS} the rest share one window.
 */
public final class RateLimitedLog {

    /** Often enough to see an attack start and stop, rarely enough that one cannot fill a disk. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    static final int MAX_KINDS = 64;

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log) {
        this(log, DEFAULT_INTERVAL, System::nanoTime);
    }

    RateLimitedLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs {@code format} with {@code args} at WARN unless a line of this {@code kind} was logged within the interval;
     * then it is only counted, and the next line of the kind says how many were left out.
     *
     * @return whether the line was written
     */
    public boolean warn(String kind, String format, Object... args) {
        String key = windows.size() < MAX_KINDS || windows.containsKey(kind) ? kind : "(other kinds)";
        long suppressed = windows.computeIfAbsent(key, k -> new Window()).admit(nanoTime.getAsLong(), intervalNanos);
        if (suppressed < 0) {
            return false;
        }
        if (suppressed == 0) {
            log.warn(format, args);
        } else {
            Object[] withCount = java.util.Arrays.copyOf(args, args.length + 2);
            withCount[args.length] = suppressed;
            withCount[args.length + 1] = intervalNanos / 1_000_000_000L;
            log.warn(format + " ({} more like it not logged, at most one line per {} s)", withCount);
        }
        return true;
    }

    private static final class Window {
        private boolean started;
        private long lastLoggedNanos;
        private long suppressed;

        /** -1: do not log; otherwise log, with this many left out since the last line. */
        synchronized long admit(long now, long intervalNanos) {
            if (started && now - lastLoggedNanos < intervalNanos) {
                suppressed++;
                return -1;
            }
            started = true;
            lastLoggedNanos = now;
            long left = suppressed;
            suppressed = 0;
            return left;
        }
    }
}
