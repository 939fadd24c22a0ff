package io.siha.client;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends events to an si-ha pair and survives its failovers: it sends to one endpoint at a time and, when that node
 * fails, stops being active or does not answer, sends the same batch with the same event ids to the next endpoint,
 * round robin, until one acknowledges it or the retry time is up. The node counts an id once, so a failover loses no
 * acknowledged event and counts none twice. Events sent without an id get a generated unique one
 * ({@code <random prefix>.<counter>}) before their first attempt, so every retry is safe.
 *
 * <pre>{@code
 * try (SiHaClient client = SiHaClient.builder()
 *         .endpoints("orders.default.svc:9611")               // the Service, which follows the active; or both nodes
 *         .bearerToken(System.getenv("SIHA_INGEST_TOKEN"))    // when the pair requires one
 *         .build()) {
 *     client.send("Counter", "Orders", "order-1", "eu", 3L).join();   // attribute values in the stream's order
 * }
 * }</pre>
 *
 * <p>{@link #send} batches events per app and stream (up to the batch size, or the linger time); each returned future
 * completes once the node acknowledged the event, that is once the passive holds it. A future fails with
 * {@link RefusedException} when the node refused the batch as bad input, for an unknown stream or a wrong token (never
 * retried: the exception says what was wrong), and with {@link NotAcknowledgedException} when no node acknowledged it
 * within the retry time. Invalid arguments (a value of a type the protocol does not carry, an id over 256 characters)
 * throw {@link IllegalArgumentException} at once.
 *
 * <p>Thread-safe. Futures complete on the client's single I/O thread: do not block in their callbacks (use the
 * {@code ...Async} variants for slow work).
 */
public final class SiHaClient implements AutoCloseable {

    private final Transport transport;
    private final Map<StreamKey, List<String>> attributeNames;
    private final Duration retryTime;
    private final Duration attemptTimeout;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Delivery delivery;
    private final BatchAccumulator accumulator;
    private final EventIdGenerator ids = new EventIdGenerator();
    /** Batches handed to the delivery and not yet done; what flush and close wait for. */
    private final Set<Batch> unfinished = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private SiHaClient(Builder b) {
        this.transport = b.transport;
        this.attributeNames = Map.copyOf(b.attributeNames);
        this.retryTime = b.retryTime;
        this.attemptTimeout = b.attemptTimeout;
        // One daemon I/O thread does all the client's network work and timers: no locks in the delivery, and an
        // application that forgets close() can still exit.
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("si-ha-client", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        List<Link> links = new ArrayList<>();
        HttpClient http = b.transport == Transport.HTTP ? httpClient(b.tls) : null;
        for (Endpoint endpoint : b.endpoints) {
            links.add(b.transport == Transport.BINARY
                    ? new BinaryLink(endpoint, b.maxInFlight, loop, b.bearerToken, b.attemptTimeout.toMillis(),
                    b.tls == null ? null : b.tls.binary)
                    : new HttpLink(endpoint, b.tls != null, b.maxInFlight, http, loop, b.bearerToken,
                    b.attemptTimeout, attributeNames));
        }
        this.delivery = new Delivery(loop, links, b.retryTime.toNanos(), b.listener);
        this.accumulator = new BatchAccumulator(b.batchSize, b.linger.toNanos(), loop, this::deliver);
    }

    private static HttpClient httpClient(ClientTls tls) {
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1));
        if (tls != null) {
            http.sslContext(tls.http);
        }
        return http.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends one event, batched with others of the same stream.
     *
     * @param eventId    the event's id, so that a retry counts once; null for a generated one
     * @param attributes the values in the order of the stream's definition
     * @return completes when the node acknowledged the event; fails with {@link RefusedException} or
     *         {@link NotAcknowledgedException}
     * @throws IllegalArgumentException naming an invalid argument; nothing is sent
     * @throws IllegalStateException    after {@link #close()}
     */
    public CompletableFuture<Void> send(String app, String stream, String eventId, Object... attributes) {
        ClientEvent event = new ClientEvent(eventId != null ? eventId : ids.next(), 0, attributes);
        checkSendable(app, stream, event);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        accumulator.add(app, stream, event, acknowledged);
        return acknowledged;
    }

    /**
     * Sends {@code events} at once, as one batch (split only where a frame or the node's 10,000 events per request
     * would be exceeded). Events without an id get a generated one.
     *
     * @return completes when the node acknowledged every event; fails as {@link #send} does
     * @throws IllegalArgumentException naming an invalid event; nothing of the list is sent
     */
    public CompletableFuture<Void> sendBatch(String app, String stream, List<ClientEvent> events) {
        List<ClientEvent> withIds = new ArrayList<>(events.size());
        for (ClientEvent event : events) {
            ClientEvent withId = event.id() != null ? event : event.withId(ids.next());
            checkSendable(app, stream, withId);
            withIds.add(withId);
        }
        List<Batch> batches = BatchAccumulator.split(app, stream, withIds);
        CompletableFuture<?>[] acknowledged = new CompletableFuture<?>[batches.size()];
        for (int i = 0; i < batches.size(); i++) {
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            batches.get(i).addWaiter(waiter);
            acknowledged[i] = waiter;
            deliver(batches.get(i));
        }
        return CompletableFuture.allOf(acknowledged);
    }

    /**
     * Sends every event waiting for its batch to fill, without waiting for the linger time.
     *
     * @return completes when every batch sent so far is done; fails if any of them failed
     */
    public CompletableFuture<Void> flush() {
        accumulator.flush();
        return CompletableFuture.allOf(unfinished.stream().map(b -> b.done).toArray(CompletableFuture[]::new));
    }

    /**
     * Flushes, waits for the outstanding batches (at most the retry time plus one attempt), fails what is still
     * unacknowledged with {@link NotAcknowledgedException}, and closes the connections. Do not call it from a future's
     * callback: it waits for the I/O thread those run on.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            flush().get(retryTime.plus(attemptTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Failed batches were reported through their futures; unfinished ones are failed below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.submit(() -> {
            List.copyOf(unfinished).forEach(Delivery::abandon);
            delivery.closeLinks();
        }).awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private void checkSendable(String app, String stream, ClientEvent event) {
        if (closed.get()) {
            throw new IllegalStateException("the client is closed");
        }
        if (app == null || app.isEmpty() || stream == null || stream.isEmpty()) {
            throw new IllegalArgumentException("app and stream must be named, got '" + app + "' and '" + stream
                    + "'");
        }
        if (transport == Transport.HTTP) {
            JsonBatchBody.check(app, stream, event, attributeNames.get(new StreamKey(app, stream)));
        }
    }

    /** Hands a sealed batch to the I/O thread; called by the accumulator and sendBatch, from any thread. */
    private void deliver(Batch batch) {
        unfinished.add(batch);
        batch.done.whenComplete((ok, failure) -> unfinished.remove(batch));
        try {
            loop.execute(() -> delivery.start(batch));
        } catch (RejectedExecutionException e) {
            Delivery.abandon(batch); // sent while the client was closing
        }
    }

    /** Settings of a {@link SiHaClient}; only the endpoints are required. */
    public static final class Builder {
        private final List<Endpoint> endpoints = new ArrayList<>();
        private Transport transport = Transport.BINARY;
        private String bearerToken;
        private int batchSize = 100;
        private Duration linger = Duration.ofMillis(1);
        private int maxInFlight = 64;
        private Duration retryTime = Duration.ofSeconds(30);
        private Duration attemptTimeout = Duration.ofSeconds(5);
        private final Map<StreamKey, List<String>> attributeNames = new HashMap<>();
        private DeliveryListener listener = (endpoint, events) -> { };
        private ClientTls tls;

        private Builder() {
        }

        /**
         * The nodes' ingest addresses as {@code host:port} (binary or HTTP port, to match the transport), tried in
         * this order; or a single Service address, which follows the active node by itself.
         */
        public Builder endpoints(String... hostPorts) {
            return endpoints(List.of(hostPorts));
        }

        public Builder endpoints(List<String> hostPorts) {
            hostPorts.forEach(e -> endpoints.add(Endpoint.parse(e)));
            return this;
        }

        /** {@link Transport#BINARY} (the default) or {@link Transport#HTTP}. */
        public Builder transport(Transport value) {
            transport = value;
            return this;
        }

        /** The pair's ingest token ({@code SIHA_INGEST_TOKEN}); null or empty for none. */
        public Builder bearerToken(String token) {
            bearerToken = token == null || token.isEmpty() ? null : token;
            return this;
        }

        /** Events per batch that {@link #send} gathers before sending; default 100. */
        public Builder batchSize(int events) {
            if (events < 1 || events > IngestCodec.MAX_EVENTS_PER_FRAME) {
                throw new IllegalArgumentException("batch size must be 1 to " + IngestCodec.MAX_EVENTS_PER_FRAME
                        + ", got " + events);
            }
            batchSize = events;
            return this;
        }

        /** How long a batch that is not full waits for more events; default 1 ms. */
        public Builder linger(Duration value) {
            linger = positiveOrZero(value, "linger");
            return this;
        }

        /** Batches sent and not yet answered on one connection; default 64. */
        public Builder maxInFlight(int batches) {
            if (batches < 1) {
                throw new IllegalArgumentException("max in-flight batches must be at least 1, got " + batches);
            }
            maxInFlight = batches;
            return this;
        }

        /** How long one batch is retried across endpoints before its futures fail; default 30 s. */
        public Builder retryTime(Duration value) {
            retryTime = positiveOrZero(value, "retry time");
            return this;
        }

        /** How long one attempt waits for its answer before the endpoint is given up as dead; default 5 s. */
        public Builder attemptTimeout(Duration value) {
            attemptTimeout = positiveOrZero(value, "attempt timeout");
            return this;
        }

        /** The attribute names of a stream, in order: the HTTP transport sends values by name. */
        public Builder attributeNames(String app, String stream, String... names) {
            attributeNames.put(new StreamKey(app, stream), List.of(names));
            return this;
        }

        /** Hears every acknowledgement and retry, on the I/O thread. */
        public Builder listener(DeliveryListener value) {
            listener = value;
            return this;
        }

        /**
         * Speak TLS to the ingest ports (a pair with {@code spec.tls.ingest}), trusting the certificates in
         * {@code caPem}, e.g. the {@code ca.crt} of the ingest certificate's Secret. The node's certificate must name
         * the host given in {@link #endpoints}.
         *
         * @throws IllegalArgumentException when the file cannot be read or holds no certificate
         */
        public Builder trustedCertificates(Path caPem) {
            tls = ClientTls.trusting(caPem);
            return this;
        }

        public SiHaClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("at least one endpoint (host:port) is needed");
            }
            return new SiHaClient(this);
        }

        private static Duration positiveOrZero(Duration value, String name) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }
    }
}
