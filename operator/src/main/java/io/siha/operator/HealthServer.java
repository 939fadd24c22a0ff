package io.siha.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The operator's probe and metrics endpoints on one small JDK HTTP server: {@code /healthz} (liveness: the informers
 * are healthy), {@code /readyz} (started; a replica waiting for the leader Lease is started too) and {@code /metrics}
 * (Prometheus text of JOSDK's reconcile metrics and the JVM).
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    public HealthServer(int port, RuntimeInfo runtime, PrometheusMeterRegistry registry) throws IOException {
        this(port, runtime::allEventSourcesAreHealthy, runtime::isStarted, registry);
    }

    HealthServer(int port, BooleanSupplier healthy, BooleanSupplier ready, PrometheusMeterRegistry registry)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/healthz", exchange -> answer(exchange, holds(healthy)));
        server.createContext("/readyz", exchange -> answer(exchange, holds(ready)));
        server.createContext("/metrics", exchange ->
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    // JOSDK throws from its health checks while the Operator is still starting: that is "not ok", not a dropped answer.
    private static boolean holds(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void answer(HttpExchange exchange, boolean ok) throws IOException {
        send(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ok\n");
    }

    private static void send(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
