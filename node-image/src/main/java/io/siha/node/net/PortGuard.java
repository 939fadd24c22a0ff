package io.siha.node.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The {@link PortLimits} of one listening port, applied to each connection it accepts: the connection cap (one over it
 * is closed at once, and the refusals are logged at most once per interval), the idle and read timeouts, and the
 * stop of reading while a connection's replies are backed up. Every port of the node (REST, HTTP ingest, binary
 * ingest, event sync) builds its connections through one of these.
 */
public final class PortGuard {

    private static final Logger log = LoggerFactory.getLogger(PortGuard.class);
    private static final AttributeKey<AtomicBoolean> COUNTED = AttributeKey.valueOf(PortGuard.class, "counted");

    private final String portName;
    private final PortLimits limits;
    private final RateLimitedLog refusals = new RateLimitedLog(log);
    private final AtomicInteger counted = new AtomicInteger();

    public PortGuard(String portName, PortLimits limits) {
        this.portName = portName;
        this.limits = limits;
    }

    /** Sets the write buffer water marks of the port's connections. */
    public ServerBootstrap configure(ServerBootstrap bootstrap) {
        return bootstrap.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(limits.writeLowWaterMark(), limits.writeHighWaterMark()));
    }

    /**
     * The first thing to do with an accepted connection: closes it and returns false when the port is at its cap
     * (build nothing on it then); otherwise installs the timeouts and backpressure first in its pipeline and returns
     * true. The caller adds {@link #boundary} after its decoder.
     */
    public boolean admit(SocketChannel channel) {
        if (counted.incrementAndGet() > limits.maxConnections()) {
            counted.decrementAndGet();
            channel.config().setAutoRead(false);
            refusals.warn(portName + " cap", "{} port refused a connection from {}: {} connections are open, the limit",
                    portName, channel.remoteAddress(), limits.maxConnections());
            channel.close();
            return false;
        }
        AtomicBoolean isCounted = new AtomicBoolean(true);
        channel.attr(COUNTED).set(isCounted);
        channel.closeFuture().addListener(f -> uncount(isCounted));
        channel.pipeline().addLast("port-deadlines", new ConnectionDeadlines(portName, limits, refusals));
        channel.pipeline().addLast("port-backpressure", WriteBackpressure.INSTANCE);
        return true;
    }

    /**
     * A connection that has proved who it is no longer counts against the cap: on the sync port, the cap then limits
     * only connections still in their handshake, and the real active's is never the one refused for it.
     */
    public void authenticated(Channel channel) {
        AtomicBoolean isCounted = channel.attr(COUNTED).get();
        if (isCounted != null) {
            uncount(isCounted);
        }
    }

    private void uncount(AtomicBoolean isCounted) {
        if (isCounted.compareAndSet(true, false)) {
            counted.decrementAndGet();
        }
    }

    /** Connections counted against the cap now. */
    public int counted() {
        return counted.get();
    }

    /** For after the port's decoder: every message {@code complete} accepts ends a request or frame. */
    public static ChannelHandler boundary(Predicate<Object> complete) {
        return ConnectionDeadlines.boundary(complete);
    }

    /** Logs a refusal of this port's at most once per interval per kind, with a count of those left out. */
    public RateLimitedLog refusals() {
        return refusals;
    }

    public String portName() {
        return portName;
    }
}
