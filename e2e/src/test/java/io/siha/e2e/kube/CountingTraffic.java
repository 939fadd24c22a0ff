package io.siha.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.node.demo.Demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Orders for the sample Counter app ({@link Demo#SAMPLE_APP}), sent through the Service in batches with unique ids,
 * in the foreground or by a background sender that keeps going through failovers. It knows how many events were
 * acknowledged, which the app's count must equal.
 */
final class CountingTraffic implements AutoCloseable {

    private static final int BATCH = 10;

    private final IngestThroughService ingest;
    private final String idPrefix;
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread background;

    CountingTraffic(IngestThroughService ingest, String idPrefix) {
        this.ingest = ingest;
        this.idPrefix = idPrefix;
    }

    /** Sends {@code events} more events, waiting for each batch's acknowledgement. */
    void send(int events) throws InterruptedException {
        for (int sent = 0; sent < events; sent += BATCH) {
            sendBatch(Math.min(BATCH, events - sent));
        }
    }

    private IngestThroughService.Ack sendBatch(int size) throws InterruptedException {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(Map.of("$id", idPrefix + "-" + nextId.getAndIncrement(), "region", "eu", "amount", 1L));
        }
        IngestThroughService.Ack ack = ingest.send(Demo.APP, Demo.STREAM, batch);
        acked.addAndGet(size);
        return ack;
    }

    /** Keeps sending batches in the background until {@link #stop()}. */
    void startInBackground() {
        sending.set(true);
        background = new Thread(() -> {
            try {
                while (sending.get()) {
                    sendBatch(BATCH);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "traffic-" + idPrefix);
        background.setDaemon(true);
        background.start();
    }

    /** Stops the background sender once its batch in flight is acknowledged; rethrows what stopped it early. */
    void stop() throws InterruptedException {
        halt();
        if (failure.get() != null) {
            throw new AssertionError("the background sender failed", failure.get());
        }
    }

    private void halt() throws InterruptedException {
        sending.set(false);
        if (background != null) {
            background.join(70_000);
            background = null;
        }
    }

    int acknowledged() {
        return acked.get();
    }

    /** The Counter app's count of orders, read from the active through the Service. */
    long counted() throws InterruptedException {
        JsonNode rows = ingest.query(Demo.APP, "from Totals select events");
        return rows.isEmpty() ? 0 : rows.get(0).get(0).asLong();
    }

    /** Stops the background sender, if any, without reporting its failure: for clean-up after a failed test. */
    @Override
    public void close() throws InterruptedException {
        halt();
    }
}
