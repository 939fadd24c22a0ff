package io.siha.node.rest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.siha.node.http.HttpServer;
import io.siha.node.net.PortLimits;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Opens the REST port; it stays open for the node's whole life, on both roles. */
public final class RestServer {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private RestServer() {
    }

    /**
     * Opens the port on an event loop of its own, which it shuts down when it closes: no flood on the ingest ports
     * (they have their own group) can delay a probe, a scrape or {@code /v1/status}.
     */
    public static HttpServer open(String host, int port, Supplier<NodeStatus> status, MetricsPage metrics) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("siha-rest", true),
                NioIoHandler.newFactory());
        try {
            return open(group, host, port, PortLimits.REST, status, metrics).owning(group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** On {@code group}, which the caller owns. */
    public static HttpServer open(EventLoopGroup group, String host, int port, Supplier<NodeStatus> status,
                                  MetricsPage metrics) {
        return open(group, host, port, PortLimits.REST, status, metrics);
    }

    /** The same under other limits than {@link PortLimits#REST}. */
    public static HttpServer open(EventLoopGroup group, String host, int port, PortLimits limits,
                                  Supplier<NodeStatus> status, MetricsPage metrics) {
        return HttpServer.start("REST", group, host, port, Optional.empty(), limits, MAX_BODY_BYTES, Optional.empty(),
                () -> new RestHandler(status, metrics));
    }
}
