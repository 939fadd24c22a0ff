package io.siha.node.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * A listening TCP port and the connections it accepted: closing it closes those too, so nothing is served after
 * {@link #close()} returns (closing the listening channel alone would leave accepted connections serving).
 */
public final class TcpServer implements AutoCloseable {

    private final String name;
    private final ListeningChannel channel;
    private final ChannelGroup connections;
    private final PortGuard guard;

    private TcpServer(String name, ListeningChannel channel, ChannelGroup connections, PortGuard guard) {
        this.name = name;
        this.channel = channel;
        this.connections = connections;
        this.guard = guard;
    }

    /**
     * Binds {@code host:port} (port 0: any free port); throws with the address in the message if it cannot.
     *
     * @param limits         the port's connection cap, timeouts and write water marks, applied to each connection
     *                       before {@code initConnection} builds the rest of its pipeline
     * @param initConnection builds the pipeline of each accepted connection; it adds {@link PortGuard#boundary} after
     *                       its decoder
     */
    public static TcpServer start(String name, EventLoopGroup group, String host, int port, PortLimits limits,
                                  Consumer<SocketChannel> initConnection) {
        ChannelGroup connections = new DefaultChannelGroup(name + " connections", GlobalEventExecutor.INSTANCE);
        PortGuard guard = new PortGuard(name, limits);
        ServerBootstrap bootstrap = guard.configure(new ServerBootstrap())
                .group(group)
                .channelFactory((ChannelFactory<ListeningChannel>) ListeningChannel::new)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!guard.admit(ch)) {
                            return;
                        }
                        connections.add(ch);
                        initConnection.accept(ch);
                    }
                });
        try {
            ListeningChannel channel = (ListeningChannel) bootstrap.bind(host, port).syncUninterruptibly().channel();
            return new TcpServer(name, channel, connections, guard);
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

    /** The connections counted against the port's cap now. */
    public int openConnections() {
        return guard.counted();
    }

    /** Stops accepting (the port refuses connections once this returns) and closes every accepted connection. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        channel.awaitReleased();
        connections.close().awaitUninterruptibly();
    }
}
