package io.siha.node.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * A small Netty HTTP/1.1 server: decoding, aggregation of bodies up to a limit (larger ones get 413 from the
 * aggregator), and one handler per connection. Used for the ingest port and the REST port.
 */
public final class HttpServer implements AutoCloseable {

    private final String name;
    private final Channel channel;
    /** Accepted connections: closing the listening channel alone leaves keep-alive connections serving. */
    private final ChannelGroup connections;

    private HttpServer(String name, Channel channel, ChannelGroup connections) {
        this.name = name;
        this.channel = channel;
        this.connections = connections;
    }

    /** Binds {@code host:port} (port 0: any free port); throws with the address in the message if it cannot. */
    public static HttpServer start(String name, EventLoopGroup group, String host, int port, int maxBodyBytes,
                                   Supplier<ChannelHandler> handler) {
        ChannelGroup connections = new DefaultChannelGroup(name + " connections", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(maxBodyBytes),
                                handler.get());
                    }
                });
        try {
            Channel channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
            return new HttpServer(name, channel, connections);
        } catch (Exception e) { // Netty rethrows the bind's checked java.net.BindException as is
            throw new IllegalStateException("cannot open " + name + " port " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String name() {
        return name;
    }

    /** Stops accepting; open connections are closed too, so no request is served after this returns. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
