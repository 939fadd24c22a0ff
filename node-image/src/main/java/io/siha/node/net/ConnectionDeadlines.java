package io.siha.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The idle and read timeouts of one connection. It sits first in the pipeline, where it sees the raw bytes arrive
 * (before TLS and decoding) and every write leave; a {@link #boundary} handler placed after the port's decoder tells
 * it when a request or frame is complete. A timer closes the connection when
 * <ul>
 *     <li>a request or frame started (bytes arrived after the last complete one) more than the read timeout ago and
 *     has not completed: a slowloris client, a half frame;</li>
 *     <li>nothing completed and nothing was written for the idle timeout;</li>
 *     <li>its replies have waited unsent (the connection not writable) for the read timeout: a client that does
 *     not read would otherwise hold its connection, and a place under the port's cap, for ever.</li>
 * </ul>
 * The read and idle clocks stand still while the node itself does not read the connection (a request being
 * answered, replies backed up): only the client's own slowness counts.
 *
 * <p>Bytes of the next request that arrive in the same read as the end of the previous one start no clock of their
 * own: such a connection is then closed by the idle timeout instead, later but still bounded.
 */
final class ConnectionDeadlines extends ChannelDuplexHandler {

    private static final AttributeKey<ConnectionDeadlines> KEY = AttributeKey.valueOf(ConnectionDeadlines.class,
            "deadlines");
    private static final long NONE = Long.MIN_VALUE;

    private final String portName;
    private final long idleNanos;
    private final long readNanos;
    private final RateLimitedLog refusals;

    private long lastActivity;
    private long messageStarted = NONE;
    private long unwritableSince = NONE;
    private ScheduledFuture<?> timer;

    ConnectionDeadlines(String portName, PortLimits limits, RateLimitedLog refusals) {
        this.portName = portName;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.readNanos = limits.readTimeout().toNanos();
        this.refusals = refusals;
    }

    /** A handler for after the decoder: every message {@code complete} accepts ends a request or frame. */
    static ChannelHandler boundary(Predicate<Object> complete) {
        return new Boundary(complete);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(KEY).set(this);
        lastActivity = System.nanoTime();
        long tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50),
                (idleNanos == 0 ? readNanos : Math.min(idleNanos, readNanos)) / 5);
        timer = ctx.executor().scheduleAtFixedRate(() -> check(ctx), tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (messageStarted == NONE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            messageStarted = System.nanoTime();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivity = System.nanoTime();
        ctx.write(msg, promise);
    }

    private void completed() {
        messageStarted = NONE;
        lastActivity = System.nanoTime();
    }

    private void check(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (!channel.isActive()) {
            stop();
            return;
        }
        long now = System.nanoTime();
        if (channel.isWritable()) {
            unwritableSince = NONE;
        } else if (unwritableSince == NONE) {
            unwritableSince = now;
        } else if (now - unwritableSince > readNanos) {
            close(ctx, "its replies waited unread for " + millis(now - unwritableSince) + " ms");
            return;
        }
        if (!channel.config().isAutoRead()) {
            // The node is not reading: the client cannot be late.
            lastActivity = now;
            if (messageStarted != NONE) {
                messageStarted = now;
            }
            return;
        }
        if (messageStarted != NONE && now - messageStarted > readNanos) {
            close(ctx, "a request or frame it started " + millis(now - messageStarted)
                    + " ms ago is still incomplete (the limit is " + millis(readNanos) + " ms)");
        } else if (messageStarted == NONE && idleNanos > 0 && now - lastActivity > idleNanos) {
            // A quiet client is normal (a pooled keep-alive connection): not worth a warning.
            stop();
            ctx.close();
        }
    }

    private void close(ChannelHandlerContext ctx, String why) {
        stop();
        refusals.warn(portName + " timeout", "{} connection from {} closed: {}", portName,
                ctx.channel().remoteAddress(), why);
        ctx.close();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @ChannelHandler.Sharable
    private static final class Boundary extends ChannelInboundHandlerAdapter {
        private final Predicate<Object> complete;

        Boundary(Predicate<Object> complete) {
            this.complete = complete;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (complete.test(msg)) {
                completed(ctx);
            }
            ctx.fireChannelRead(msg);
        }

        /**
         * With TLS the connection becomes active here only once its handshake is done ({@code TlsHandshakeGate}): a
         * complete exchange too, so the first request's clock starts afresh.
         */
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            completed(ctx);
            ctx.fireChannelActive();
        }

        private static void completed(ChannelHandlerContext ctx) {
            ConnectionDeadlines deadlines = ctx.channel().attr(KEY).get();
            if (deadlines != null) {
                deadlines.completed();
            }
        }
    }
}
