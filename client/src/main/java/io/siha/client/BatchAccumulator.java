package io.siha.client;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gathers single events into batches, one open batch per app and stream. A batch is sealed and handed on when it
 * holds the batch size, when the next event would not fit one frame, when it has waited the linger time, or on a
 * flush. Safe for any number of sending threads: each stream has its own lock.
 */
final class BatchAccumulator {

    private final int batchSize;
    private final long lingerNanos;
    private final EventLoop timers;
    private final Consumer<Batch> sealed;
    /** App, then stream: two lookups and no key object per event. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, OpenBatch>> streams = new ConcurrentHashMap<>();

    BatchAccumulator(int batchSize, long lingerNanos, EventLoop timers, Consumer<Batch> sealed) {
        this.batchSize = batchSize;
        this.lingerNanos = lingerNanos;
        this.timers = timers;
        this.sealed = sealed;
    }

    /**
     * Adds an event (already given its id) whose future {@code waiter} completes with its batch.
     *
     * @throws IllegalArgumentException if the event is larger than a frame can carry
     */
    void add(String app, String stream, ClientEvent event, CompletableFuture<Void> waiter) {
        OpenBatch open = streams.computeIfAbsent(app, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(stream, s -> new OpenBatch(app, stream));
        open.add(event, waiter);
    }

    /** Seals every open batch now. */
    void flush() {
        for (ConcurrentHashMap<String, OpenBatch> app : streams.values()) {
            for (OpenBatch open : app.values()) {
                Batch batch = open.seal(null);
                if (batch != null) {
                    sealed.accept(batch);
                }
            }
        }
    }

    /**
     * Splits a caller's list into batches that each fit one frame and the node's event limit; checks every event
     * before any batch exists, so an invalid list sends nothing.
     */
    static List<Batch> split(String app, String stream, List<ClientEvent> events) {
        int maxBytes = IngestCodec.maxEventBytes(app, stream);
        List<Batch> batches = new ArrayList<>();
        Batch current = null;
        for (ClientEvent event : events) {
            int bytes = measure(app, stream, event, maxBytes);
            if (current == null || !current.fits(bytes, IngestCodec.MAX_EVENTS_PER_FRAME, maxBytes)) {
                current = new Batch(app, stream, Math.min(events.size(), IngestCodec.MAX_EVENTS_PER_FRAME));
                batches.add(current);
            }
            current.add(event, bytes);
        }
        return batches;
    }

    /** The encoded size of {@code event}; throws IllegalArgumentException if it cannot fit any frame. */
    private static int measure(String app, String stream, ClientEvent event, int maxBytes) {
        int bytes = IngestCodec.eventBytes(event);
        if (bytes > maxBytes) {
            throw new IllegalArgumentException("an event of " + app + "/" + stream + " takes " + bytes
                    + " bytes, more than the " + maxBytes + " one frame can carry");
        }
        return bytes;
    }

    /** The batch of one stream being filled. */
    private final class OpenBatch {
        private final String app;
        private final String stream;
        private final int maxBytes;
        private Batch batch;

        OpenBatch(String app, String stream) {
            this.app = app;
            this.stream = stream;
            this.maxBytes = IngestCodec.maxEventBytes(app, stream);
        }

        /** Adds the event, then hands on what it sealed: the batch it did not fit, the batch it filled. */
        void add(ClientEvent event, CompletableFuture<Void> waiter) {
            int bytes = measure(app, stream, event, maxBytes);
            Batch notFitting = null;
            Batch full = null;
            synchronized (this) {
                if (batch != null && !batch.fits(bytes, batchSize, maxBytes)) {
                    notFitting = seal(null);
                }
                if (batch == null) {
                    open();
                }
                batch.add(event, bytes);
                batch.addWaiter(waiter);
                if (batch.size() >= batchSize) {
                    full = seal(null);
                }
            }
            if (notFitting != null) {
                sealed.accept(notFitting);
            }
            if (full != null) {
                sealed.accept(full);
            }
        }

        private void open() {
            Batch opened = new Batch(app, stream, batchSize);
            batch = opened;
            timers.schedule(() -> {
                Batch lingered = seal(opened);
                if (lingered != null) {
                    sealed.accept(lingered);
                }
            }, lingerNanos, TimeUnit.NANOSECONDS);
        }

        /** Takes the open batch out if it is {@code expected} (any batch when null); null when there is none. */
        synchronized Batch seal(Batch expected) {
            if (batch == null || (expected != null && batch != expected)) {
                return null;
            }
            Batch taken = batch;
            batch = null;
            return taken;
        }
    }
}
