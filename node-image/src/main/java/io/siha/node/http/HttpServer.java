package io.siha.node.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.siha.node.net.PortGuard;
import io.siha.node.net.PortLimits;
import io.siha.node.net.TcpServer;
import io.siha.node.tls.ServerPortTls;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A small Netty HTTP/1.1 server: decoding, replies in request order (pipelining), an optional check of each request's
 * head before its body is read, aggregation of bodies up to a limit (larger ones get a 413 naming the limit, from the
 * Content-Length before any of the body is read), and one handler per connection, optionally behind TLS, under the
 * port's {@link PortLimits}. Used for the ingest port and the REST port.
 */
public final class HttpServer implements AutoCloseable {

    /** The port with its accepted connections: closing the listening channel alone leaves keep-alive ones serving. */
    private final TcpServer server;
    /** A group this server alone uses, shut down with it; null when the caller owns the group. */
    private final EventLoopGroup ownGroup;

    private HttpServer(TcpServer server, EventLoopGroup ownGroup) {
        this.server = server;
        this.ownGroup = ownGroup;
    }

    /** This server, which also shuts {@code group} down when it closes: the group serves this port alone. */
    public HttpServer owning(EventLoopGroup group) {
        return new HttpServer(server, group);
    }

    /**
     * Binds {@code host:port} (port 0: any free port), speaking HTTPS only when {@code tls} is present (a plain-HTTP
     * request on the port fails its TLS handshake and the connection is closed); throws with the address in the
     * message if it cannot bind.
     *
     * @param limits    the port's connection cap and timeouts; a request's headers and body must arrive within its
     *                  read timeout
     * @param admission when present, a handler that sees each request's head ({@link io.netty.handler.codec.http
     *                  .HttpRequest}) before any of its body is buffered, and may answer it (say, 401) instead of
     *                  passing it on; its reply, like every other, goes out in request order
     */
    public static HttpServer start(String name, EventLoopGroup group, String host, int port, Optional<SslContext> tls,
                                   PortLimits limits, int maxBodyBytes, Optional<Supplier<ChannelHandler>> admission,
                                   Supplier<ChannelHandler> handler) {
        return new HttpServer(TcpServer.start(name, group, host, port, limits, ch -> {
            ServerPortTls.secure(ch, tls, name);
            ch.pipeline().addLast(new HttpServerCodec(), PortGuard.boundary(msg -> msg instanceof LastHttpContent),
                    new InOrderReplies());
            admission.ifPresent(head -> ch.pipeline().addLast(head.get()));
            ch.pipeline().addLast(new LimitedBodyAggregator(maxBodyBytes), handler.get());
        }), null);
    }

    public int port() {
        return server.port();
    }

    public String name() {
        return server.name();
    }

    /** The connections counted against the port's cap now. */
    public int openConnections() {
        return server.openConnections();
    }

    /** Stops accepting; open connections are closed too, so no request is served after this returns. */
    @Override
    public void close() {
        server.close();
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }
}
