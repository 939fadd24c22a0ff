package io.siha.node.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Keeps the apps' state from outgrowing the heap: while the heap could not take the next snapshot, the active refuses
 * new events with an error that says so, and takes them again once the state has shrunk (a window moved on) or the
 * node got more memory.
 *
 * <p>Why refusing and not failing later: a node whose snapshot runs out of memory dies (it runs with
 * {@code -XX:+ExitOnOutOfMemoryError}), its peer restores the same state and dies on its own snapshot, and the events
 * only the peer's queue held go with it. State must never grow past what a snapshot can still write.
 *
 * <p>The projection: the heap in use after the last garbage collection plus {@link #SNAPSHOT_COPIES} times the size
 * of the next snapshot, which a snapshot holds at once on top of the live state (Siddhi's last doubled serialization
 * buffer, under twice the state, and its copy; then that copy and the snapshot record), and the peer's takeover more
 * (reading it back), plus the events the passive holds that no snapshot covers ({@link #awaitingReplay}), must stay
 * under
 * {@link #LIMIT_PERCENT} of the maximum heap. The next snapshot's size is the last one's plus the growth the last two
 * showed ({@link SnapshotGrowth}), so a state growing fast is refused before it is written, not after. Read after
 * every collection, from the JVM's own notifications, after every snapshot, and on every intake while the growth
 * alone would cross the limit; when the projection crosses it and no collection ran lately, one full collection is
 * asked for, so that garbage not yet collected does not refuse events.
 */
public final class HeapGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeapGuard.class);
    /**
     * SnapshotFootprintTest measures the active's allocations behind it (about three snapshots). The peer's takeover
     * needs more than the active ever did: it restores the snapshot (read back at 2 x, SnapshotStoreTest), replays the
     * queued events on top and writes a snapshot of that larger state, on a heap that must still find room for each
     * app's state as one array. With three, HeapFaultsTest's new active died of OutOfMemoryError in two of four CI
     * runs, while the snapshot was still read as hex (5 x); five leaves the peer that room. HeapFaultsTest checks it
     * against a real heap.
     */
    static final int SNAPSHOT_COPIES = 5;
    static final int LIMIT_PERCENT = 90;
    private static final long FULL_GC_GAP_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long maxHeapBytes;
    private final Set<String> heapPools;
    private final NotificationListener listener = this::collected;
    private volatile long liveAfterGcBytes;
    private volatile long replayBytes;
    private volatile SnapshotGrowth snapshots = SnapshotGrowth.NONE;
    private volatile String refusal;
    private volatile long fullGcRequestedNanos = System.nanoTime() - FULL_GC_GAP_NANOS;
    private long refusedEvents;

    private HeapGuard(long maxHeapBytes) {
        this.maxHeapBytes = maxHeapBytes;
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
    }

    /** Starts watching this JVM's collections. */
    public static HeapGuard start() {
        HeapGuard guard = new HeapGuard(Runtime.getRuntime().maxMemory());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(guard.listener, null, null);
            }
        }
        return guard;
    }

    /** The size of the snapshot just written: what the next one will need again, at least. */
    public void snapshotWritten(long bytes) {
        snapshots = snapshots.next(bytes, System.nanoTime());
        evaluate();
    }

    /**
     * The bytes of the events the passive holds that no snapshot covers (the active's journal). The active's heap holds
     * them once; the peer's takeover holds them as its queue and again as the state it replays them into, so they
     * count once more. Without them, a new active on a 256 MB heap died of OutOfMemoryError in a CI run of
     * HeapFaultsTest once the apply thread let intake go on during snapshots and the queue reached its bound.
     */
    public void awaitingReplay(long bytes) {
        replayBytes = bytes;
    }

    /** Why new events must be refused now, or empty when they may be taken. */
    public Optional<String> refusal() {
        if (refusal == null && snapshots.bytesPerSec() > 0 && projected(System.nanoTime()) > limit()) {
            evaluate(); // the state grew past the limit since the last snapshot
        }
        return Optional.ofNullable(refusal);
    }

    /** Counts events refused, for {@code /v1/status}. */
    public synchronized void refused(int events) {
        refusedEvents += events;
    }

    public synchronized long refusedEvents() {
        return refusedEvents;
    }

    /** The heap in use after the last collection, in bytes. */
    public long liveAfterGcBytes() {
        return liveAfterGcBytes;
    }

    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long live = 0;
        for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                MemoryUsage usage = pool.getValue();
                live += usage.getUsed();
            }
        }
        liveAfterGcBytes = live;
        evaluate();
    }

    private long projected(long now) {
        return liveAfterGcBytes + replayBytes + SNAPSHOT_COPIES * snapshots.expectedAt(now);
    }

    private long limit() {
        return maxHeapBytes / 100 * LIMIT_PERCENT;
    }

    private synchronized void evaluate() {
        long now = System.nanoTime();
        long nextSnapshotBytes = snapshots.expectedAt(now);
        if (projected(now) <= limit()) {
            if (refusal != null) {
                log.info("heap back under its limit ({} MiB live after GC, next snapshot {} MiB): taking events again",
                        mib(liveAfterGcBytes), mib(nextSnapshotBytes));
                refusal = null;
            }
            return;
        }
        if (System.nanoTime() - fullGcRequestedNanos >= FULL_GC_GAP_NANOS) {
            // Old garbage may be all that is over the limit: one full collection tells, then the next notice decides.
            fullGcRequestedNanos = System.nanoTime();
            Thread collector = new Thread(System::gc, "siha-heap-check");
            collector.setDaemon(true);
            collector.start();
            return;
        }
        if (refusal == null) {
            refusal = "the apps' state outgrows this node's memory: " + mib(liveAfterGcBytes) + " MiB of heap in use"
                    + " after garbage collection plus " + SNAPSHOT_COPIES + " x the next snapshot's "
                    + mib(nextSnapshotBytes) + " MiB (what it needs) and the " + mib(replayBytes) + " MiB of events a"
                    + " takeover would replay exceeds " + LIMIT_PERCENT
                    + "% of the " + mib(maxHeapBytes) + " MiB heap; new events are refused until the state shrinks"
                    + " or the node gets more memory";
            log.error("refusing new events: {}", refusal);
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // never added to this one
                }
            }
        }
    }
}
