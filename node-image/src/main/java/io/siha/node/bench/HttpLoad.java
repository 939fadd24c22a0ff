package io.siha.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several HTTP clients, each on a thread and a connection of its own, sending batches of orders to one
 * {@link HttpTarget} as fast as it acknowledges them, one request at a time per client, as an SI user's clients
 * would: a 503 (the pair's intake paused, a sink's backlog full) gets the same body under the same key again after its
 * {@code Retry-After}, a failed connection (the source not open yet) after a short pause, so every batch is
 * acknowledged exactly once. Batches are numbered across the
 * clients, so the acknowledged orders are those of amounts 0 to {@code acknowledged - 1}.
 */
final class HttpLoad {

    /** Four clients of 100 events a request: the setting the README's other HTTP figures were taken at. */
    static final int CLIENTS = 4;
    static final int BATCH = 100;
    /** After a failed connection, or a 503 without a Retry-After. */
    private static final long RETRY_PAUSE_MS = 25;
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param ackedPerSecond  events acknowledged per second inside the measured interval
     * @param acknowledged    events acknowledged in all, warm-up included (the amounts 0 to this minus one)
     * @param refused         requests answered 503 or not at all, each sent again
     * @param measureFromNanos the measured interval's start ({@link System#nanoTime()})
     * @param measureToNanos   its end
     */
    record Outcome(double ackedPerSecond, long acknowledged, long refused, long measureFromNanos,
                   long measureToNanos) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final HttpTarget target;
    private final AtomicLong nextBatch = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong ackedInWindow = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long measureFrom;
    private final long measureTo;

    private HttpLoad(HttpTarget target, Duration warmUp, Duration measure) {
        this.target = target;
        this.measureFrom = System.nanoTime() + warmUp.toNanos();
        this.measureTo = measureFrom + measure.toNanos();
    }

    /** Sends for {@code warmUp} plus {@code measure}; returns once every request sent was acknowledged. */
    static Outcome run(HttpTarget target, Duration warmUp, Duration measure) throws InterruptedException {
        return new HttpLoad(target, warmUp, measure).run();
    }

    private Outcome run() throws InterruptedException {
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(this::sendUntilTheEnd, "bench-http-" + target.name() + "-" + i);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(target.name() + ": " + failure.get().getMessage(), failure.get());
        }
        return new Outcome(ackedInWindow.get() / ((measureTo - measureFrom) / 1e9), acknowledged.get(),
                refused.get(), measureFrom, measureTo);
    }

    private void sendUntilTheEnd() {
        try {
            while (System.nanoTime() < measureTo && failure.get() == null) {
                long batch = nextBatch.getAndIncrement();
                sendUntilAcknowledged(target.key(batch), batch * BATCH);
                long now = System.nanoTime();
                acknowledged.addAndGet(BATCH);
                if (now >= measureFrom && now < measureTo) {
                    ackedInWindow.addAndGet(BATCH);
                }
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private void sendUntilAcknowledged(String key, long first) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        String last = "nothing tried";
        while (System.nanoTime() - deadline < 0) {
            HttpResponse<String> reply = null;
            try {
                reply = http.send(target.request(key, first, BATCH), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e.toString(); // the source not open yet, or a connection the node closed: send it again
            }
            if (reply != null && reply.statusCode() == 200) {
                long taken = JSON.readTree(reply.body()).path("acknowledged").asLong(-1);
                if (taken != BATCH) {
                    throw new IllegalStateException(key + " was acknowledged with " + reply.body() + ", not all "
                            + BATCH + " events");
                }
                return;
            }
            if (reply != null && reply.statusCode() != 503) {
                throw new IllegalStateException(key + " refused: HTTP " + reply.statusCode() + " " + reply.body());
            }
            long pauseMs = RETRY_PAUSE_MS;
            if (reply != null) {
                last = "HTTP 503 " + reply.body();
                // The node's 1 s while a sink's backlog is full: at a sink's rate here (hundreds to a few thousand
                // a second) the backlog of 10,000 outlasts it, so waiting as told never lets the sink idle.
                pauseMs = reply.headers().firstValueAsLong("Retry-After").stream().map(s -> s * 1_000)
                        .findFirst().orElse(RETRY_PAUSE_MS);
            }
            refused.incrementAndGet();
            Thread.sleep(pauseMs);
        }
        throw new IllegalStateException(key + " not acknowledged within " + GIVE_UP_AFTER.toSeconds() + " s; last: "
                + last);
    }
}
