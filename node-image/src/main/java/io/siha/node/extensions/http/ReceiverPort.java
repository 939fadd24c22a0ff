package io.siha.node.extensions.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.siha.node.http.HttpServer;
import io.siha.node.ingest.IngestServer;
import io.siha.node.net.PortLimits;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One port the apps' HTTP sources listen on: the node's HTTP server (pipelining in order, the body limit, the port's
 * connection cap and timeouts, those of the ingest port), on an event loop of its own, and the worker threads that
 * hand bodies to the mappers. A hand-over waits until the pair holds the events, so it never runs on the event loop.
 */
final class ReceiverPort implements AutoCloseable {

    /**
     * Requests being handed over at once. Each waits about one replication round trip for the passive, so this many in
     * flight carry far more than the pipeline's lock processes; beyond them up to {@link #QUEUED} wait, and a request
     * past those gets a 503 with Retry-After rather than a queue without bound.
     */
    static final int WORKERS = 16;
    static final int QUEUED = 1024;

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Optional<ReceiverCredentials> credentials;
    private final ExecutorService workers;
    private HttpServer server;

    private ReceiverPort(Optional<ReceiverCredentials> credentials, ExecutorService workers) {
        this.credentials = credentials;
        this.workers = workers;
    }

    /** @param tls present: the port speaks HTTPS only (a plain request fails its handshake and is closed) */
    static ReceiverPort open(String host, int port, Optional<ReceiverCredentials> credentials,
                             Optional<SslContext> tls) {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), new DefaultThreadFactory("siha-http-source-" + port, true),
                new ThreadPoolExecutor.AbortPolicy());
        workers.allowCoreThreadTimeOut(true);
        ReceiverPort receiver = new ReceiverPort(credentials, workers);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("siha-http-source-io-"
                + port, true), NioIoHandler.newFactory());
        try {
            receiver.server = HttpServer.start(tls.isPresent() ? "HTTPS source" : "HTTP source", group, host,
                    port, tls, PortLimits.INGEST, IngestServer.MAX_BODY_BYTES,
                    Optional.of(() -> new ReceiverAdmission(receiver)), () -> new ReceiverHandler(receiver))
                    .owning(group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            workers.shutdownNow();
            throw e;
        }
        return receiver;
    }

    void add(Route route) {
        routes.put(route.url.path(), route);
    }

    /** Removes {@code route}; true when it was the port's last. */
    boolean remove(Route route) {
        routes.remove(route.url.path(), route);
        return routes.isEmpty();
    }

    /** The source listening on {@code path}, or null. */
    Route route(String path) {
        return routes.get(path);
    }

    List<String> paths() {
        return routes.keySet().stream().sorted().toList();
    }

    Optional<ReceiverCredentials> credentials() {
        return credentials;
    }

    ExecutorService workers() {
        return workers;
    }

    int port() {
        return server.port();
    }

    /** Closes the port and its connections; hand-overs under way finish (their replies have no connection left). */
    @Override
    public void close() {
        server.close();
        workers.shutdown();
    }
}
