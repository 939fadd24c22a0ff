package io.siha.node.demo;

import com.sun.net.httpserver.HttpServer;
import io.siha.node.engine.HttpPostSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiver of an app's HTTP sink, run by the demo and the tests: it records every output it takes (its
 * Idempotency-Key and its body) in arrival order, and can be taken down (every POST answered 503) for as long as
 * wanted, as a receiver's outage.
 */
public final class OutputReceiver implements AutoCloseable {

    /** One output as it arrived. */
    public record Received(String key, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();

    public OutputReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/outputs", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (down.get()) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(new Received(exchange.getRequestHeaders().getFirst(HttpPostSink.IDEMPOTENCY_KEY), body));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/outputs";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** From now on every POST is answered 503, until {@link #up}. */
    public void down() {
        down.set(true);
    }

    public boolean isDown() {
        return down.get();
    }

    public void up() {
        down.set(false);
    }

    public long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
