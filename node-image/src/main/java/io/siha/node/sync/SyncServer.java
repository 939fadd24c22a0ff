package io.siha.node.sync;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.siha.node.net.PortGuard;
import io.siha.node.net.PortLimits;
import io.siha.node.net.RateLimitedLog;
import io.siha.node.tls.TlsChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The passive's event sync server: accepts the active's connection, checks its handshake and fills the
 * {@link PassiveQueue} with the events it replicates. See {@link FrameCodec} for the wire format.
 */
public final class SyncServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncServer.class);
    /** At most a line per interval for each reason a TLS handshake failed, with a count of those left out. */
    private final RateLimitedLog tlsRefusals = new RateLimitedLog(log);
    /** Long enough for a loaded peer, short enough that idle unauthenticated connections do not pile up. */
    static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    private final SyncSettings settings;
    private final PassiveQueue queue;
    private final Duration handshakeTimeout;
    private final PortGuard guard;
    private final SessionRegistry registry = new SessionRegistry();
    private EventLoopGroup group;
    private Channel serverChannel;
    /** Accepted connections: closing the event loop group alone does not close them. */
    private ChannelGroup connections;

    public SyncServer(SyncSettings settings, PassiveQueue queue) {
        this(settings, queue, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    SyncServer(SyncSettings settings, PassiveQueue queue, Duration handshakeTimeout) {
        this(settings, queue, handshakeTimeout, PortLimits.SYNC);
    }

    /**
     * @param limits the cap counts connections that have not passed the handshake; the idle timeout, if any, and the
     *               read timeout for a started frame apply to every connection
     */
    SyncServer(SyncSettings settings, PassiveQueue queue, Duration handshakeTimeout, PortLimits limits) {
        this.settings = settings;
        this.queue = queue;
        this.handshakeTimeout = handshakeTimeout;
        this.guard = new PortGuard("event sync", limits);
    }

    /** Binds and starts serving; throws {@link UncheckedIOException} naming the address when it cannot bind. */
    public synchronized void start(String bindHost, int port) {
        if (group != null) {
            throw new IllegalStateException("the sync server is already started");
        }
        // One thread accepts and serves: the peer is a single active, plus whatever knocks on the port.
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("siha-sync-server", true),
                NioIoHandler.newFactory());
        connections = new DefaultChannelGroup("siha-sync-connections", group.next());
        ChannelFuture bind = guard.configure(new ServerBootstrap())
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true) // ACKs gate the active's client acks
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (!guard.admit(channel)) {
                            return;
                        }
                        connections.add(channel);
                        // The same timeout as the sync handshake: a plain-TCP active waits for our CHALLENGE and
                        // would otherwise hold the connection for the TLS engine's longer default.
                        settings.tls().ifPresent(tls -> TlsChannels.secure(channel, tls.server(), handshakeTimeout,
                                refusal -> tlsRefusals.warn(refusal.reason(), "sync connection from {} refused: {}",
                                        refusal.peer(), refusal.reason())));
                        FrameDecoder decoder = FrameDecoder.untilHandshake(settings.maxFrameBytes());
                        channel.pipeline().addLast(
                                decoder,
                                new FrameEncoder(settings.maxFrameBytes()),
                                PortGuard.boundary(frame -> frame instanceof Frame),
                                new HandshakeWatch(decoder, guard),
                                new PassiveSession(settings, queue, registry, handshakeTimeout));
                    }
                })
                .bind(bindHost, port)
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutDownGroup();
            Throwable cause = bind.cause();
            throw new UncheckedIOException(new IOException("cannot bind the event sync server to " + bindHost
                    + ":" + port + ": " + cause.getMessage(), cause));
        }
        serverChannel = bind.channel();
        log.info("event sync server of node {} listens on {}{}", settings.nodeId(), serverChannel.localAddress(),
                settings.tls().isPresent() ? " (mutual TLS)" : "");
    }

    /** The bound port; tells which port an ephemeral bind (port 0) got. */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("the sync server is not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Connections counted against the port's cap now: those still in their handshake. */
    int unauthenticatedConnections() {
        return guard.counted();
    }

    /** Whether an active is connected and past the handshake. */
    public boolean connected() {
        return registry.hasCurrent();
    }

    public long highestEpochSeen() {
        return registry.highestEpoch();
    }

    /**
     * Refuses actives of any epoch below {@code epoch}: a passive that knows a newer term exists (it held it
     * itself, or synced with it before a restart of this server) must not take events from an older one.
     */
    public void refuseEpochsBelow(long epoch) {
        registry.refuseBelow(epoch);
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            serverChannel = null;
        }
        if (connections != null) {
            connections.close().awaitUninterruptibly();
        }
        shutDownGroup();
    }

    private void shutDownGroup() {
        if (group != null) {
            // Closes the accepted connections too; no quiet period: nothing is left to do on them.
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            group = null;
        }
    }
}
