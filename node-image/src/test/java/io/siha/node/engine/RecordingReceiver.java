package io.siha.node.engine;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver of the http sink's outputs on 127.0.0.1, path {@code /alerts}: it keeps every request it
 * answered 200, and answers 503 to the next {@link #failuresToServe} requests (counted in {@link #refused}).
 */
final class RecordingReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, Headers headers, String body) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    final List<Request> taken = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToServe = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private final HttpServer server;

    RecordingReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/alerts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            if (status == 200) {
                taken.add(new Request(exchange.getRequestMethod(), exchange.getRequestHeaders(), body));
            } else {
                refused.incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    List<String> bodies() {
        return taken.stream().map(Request::body).toList();
    }

    List<String> keys() {
        return taken.stream().map(request -> request.header(HttpPostSink.IDEMPOTENCY_KEY)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
