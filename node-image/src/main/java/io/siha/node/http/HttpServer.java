package io.siha.node.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.siha.node.net.TcpServer;
import io.siha.node.tls.ServerPortTls;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A small Netty HTTP/1.1 server: decoding, aggregation of bodies up to a limit (larger ones get a 413 naming the
 * limit), and one handler per connection, optionally behind TLS. Used for the ingest port and the REST port.
 */
public final class HttpServer implements AutoCloseable {

    /** The port with its accepted connections: closing the listening channel alone leaves keep-alive ones serving. */
    private final TcpServer server;

    private HttpServer(TcpServer server) {
        this.server = server;
    }

    /** Binds {@code host:port} (port 0: any free port); throws with the address in the message if it cannot. */
    public static HttpServer start(String name, EventLoopGroup group, String host, int port, int maxBodyBytes,
                                   Supplier<ChannelHandler> handler) {
        return start(name, group, host, port, Optional.empty(), maxBodyBytes, handler);
    }

    /**
     * The same, speaking HTTPS only when {@code tls} is present: a plain-HTTP request on the port fails its TLS
     * handshake and the connection is closed.
     */
    public static HttpServer start(String name, EventLoopGroup group, String host, int port, Optional<SslContext> tls,
                                   int maxBodyBytes, Supplier<ChannelHandler> handler) {
        return new HttpServer(TcpServer.start(name, group, host, port, ch -> {
            ServerPortTls.secure(ch, tls, name);
            ch.pipeline().addLast(new HttpServerCodec(), new LimitedBodyAggregator(maxBodyBytes), handler.get());
        }));
    }

    public int port() {
        return server.port();
    }

    public String name() {
        return server.name();
    }

    /** Stops accepting; open connections are closed too, so no request is served after this returns. */
    @Override
    public void close() {
        server.close();
    }
}
