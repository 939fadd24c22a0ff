package io.siha.node.rest;

import io.netty.channel.EventLoopGroup;
import io.siha.node.http.HttpServer;

import java.util.function.Supplier;

/** Opens the REST port; it stays open for the node's whole life, on both roles. */
public final class RestServer {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private RestServer() {
    }

    public static HttpServer open(EventLoopGroup group, String host, int port, Supplier<NodeStatus> status) {
        return HttpServer.start("REST", group, host, port, MAX_BODY_BYTES, () -> new RestHandler(status));
    }
}
