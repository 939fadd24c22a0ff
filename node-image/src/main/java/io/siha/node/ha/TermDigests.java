package io.siha.node.ha;

import io.siha.node.sync.SyncClient;

import java.util.concurrent.TimeUnit;

/**
 * The state digests an active term sends a passive that runs a hot standby, for the standby to compare with its own
 * at the same seq: every ten persistence intervals (at least a second), and no more than 2% of the time the digests
 * take (replication to the passive waits while the state is taken, so that its standby stops at the digest's seq).
 * Runs on the term's background thread.
 */
final class TermDigests {

    /** The term's background thread looks this often whether a digest is due. */
    static final long CHECK_MS = 100;

    private final ActivePipeline pipeline;
    private final SyncClient sync;
    private final long minGapNanos;
    private long lastNanos;
    private long gapNanos;

    TermDigests(ActivePipeline pipeline, SyncClient sync, long persistIntervalMs) {
        this.pipeline = pipeline;
        this.sync = sync;
        this.minGapNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1_000, 10 * persistIntervalMs));
        this.gapNanos = minGapNanos;
    }

    void sendIfDue() {
        if (!sync.connected() || System.nanoTime() - lastNanos < gapNanos) {
            return;
        }
        long started = System.nanoTime();
        ActivePipeline.DigestableState state = pipeline.digestableState(sync::digestAt);
        try {
            sync.digest(state.hash());
        } catch (RuntimeException e) {
            sync.digestAbandoned(state.seq());
            throw e;
        }
        long took = System.nanoTime() - started;
        lastNanos = System.nanoTime();
        gapNanos = Math.max(minGapNanos, 50 * took);
    }
}
