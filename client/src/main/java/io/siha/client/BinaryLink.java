package io.siha.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.ssl.SslContext;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One binary ingest connection to one endpoint, opened on first use and again after it fails: HELLO, then EVENTS
 * frames pipelined up to the in-flight limit, matched to their ACK or NACK by request id. Any failure of the
 * connection (refused, closed, an ERROR frame, no answer within the attempt timeout) ends every unanswered batch on
 * it with a retry, so they go on to the next endpoint together.
 */
final class BinaryLink extends Link {

    /** A connect to a node that is gone should not hold up the failover for long. */
    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final EventLoop loop;
    private final String token;
    private final long attemptTimeoutMs;
    /** TLS to the port, or null for plain TCP. */
    private final SslContext tls;
    private final Map<Long, Pending> unanswered = new HashMap<>();
    private Channel channel;
    private boolean connecting;
    private boolean helloDone;
    private long lastRequestId;

    BinaryLink(Endpoint endpoint, int maxInFlight, EventLoop loop, String token, long attemptTimeoutMs,
               SslContext tls) {
        super(endpoint, maxInFlight);
        this.loop = loop;
        this.token = token;
        this.attemptTimeoutMs = attemptTimeoutMs;
        this.tls = tls;
    }

    @Override
    boolean writable() {
        if (channel == null && !connecting) {
            connect();
        }
        return helloDone;
    }

    private void connect() {
        connecting = true;
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
                        }
                        IngestFrameHandlers.addTo(ch.pipeline());
                        ch.pipeline().addLast(new Replies());
                    }
                })
                .connect(endpoint.host(), endpoint.port());
        connect.addListener(f -> {
            connecting = false;
            if (!f.isSuccess()) {
                failAll(Outcome.retry("cannot connect: " + describe(f.cause())));
                return;
            }
            if (!connect.channel().isActive()) { // closed before this listener ran: its inactive event found no link
                failAll(Outcome.retry("the connection closed as soon as it opened"));
                return;
            }
            channel = connect.channel();
            channel.writeAndFlush(new IngestFrame.Hello(IngestCodec.VERSION, token));
            Channel opened = channel;
            loop.schedule(() -> {
                if (opened == channel && !helloDone) {
                    broken(opened, Outcome.retry("no HELLO_OK within " + attemptTimeoutMs + " ms"));
                }
            }, attemptTimeoutMs, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    void write(Pending pending) {
        Channel ch = channel;
        long requestId = ++lastRequestId;
        pending.requestId = requestId;
        unanswered.put(requestId, pending);
        pending.timer = loop.schedule(() -> {
            // A node that stopped answering (hung, or a lost network) is presumed dead: the connection is dropped
            // and every batch on it retried at the next endpoint.
            if (unanswered.get(requestId) == pending) {
                broken(ch, Outcome.retry("no answer within " + attemptTimeoutMs + " ms"));
            }
        }, attemptTimeoutMs, TimeUnit.MILLISECONDS);
        Batch batch = pending.batch;
        ch.writeAndFlush(new IngestFrame.Events(requestId, batch.app, batch.stream, batch.events))
                .addListener(f -> {
                    if (f.isSuccess()) {
                        return;
                    }
                    if (f.cause() instanceof EncoderException && unanswered.remove(requestId) == pending) {
                        // The batch itself cannot be written: no endpoint will take it.
                        finish(pending, Outcome.refused(RefusalCode.BAD_REQUEST, describe(f.cause().getCause())));
                        drain();
                    } else {
                        broken(ch, Outcome.retry("write failed: " + describe(f.cause())));
                    }
                });
    }

    private void answered(Channel ch, long requestId, Outcome outcome) {
        if (ch != channel) {
            return;
        }
        Pending pending = unanswered.remove(requestId);
        if (pending != null) { // null: answered after its timeout had already retried it elsewhere
            finish(pending, outcome);
            drain();
        }
    }

    /** Ends the connection {@code ch} (if still the current one) and reports {@code outcome} for all its batches. */
    private void broken(Channel ch, Outcome outcome) {
        if (ch != channel) {
            return;
        }
        channel = null;
        helloDone = false;
        ch.close();
        failAll(outcome);
    }

    private void failAll(Outcome outcome) {
        Pending[] written = unanswered.values().toArray(Pending[]::new);
        unanswered.clear();
        for (Pending pending : written) {
            finish(pending, outcome);
        }
        failWaiting(outcome);
    }

    @Override
    void close() {
        Channel ch = channel;
        if (ch != null) {
            broken(ch, Outcome.retry("client closed"));
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The node's frames on this connection; runs on the loop, like everything of this link. */
    private final class Replies extends SimpleChannelInboundHandler<IngestFrame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, IngestFrame frame) {
            Channel ch = ctx.channel();
            if (frame instanceof IngestFrame.Ack ack) {
                answered(ch, ack.requestId(), Outcome.acked());
            } else if (frame instanceof IngestFrame.Nack nack) {
                answered(ch, nack.requestId(), Outcome.refused(nack.code(), nack.message()));
            } else if (frame instanceof IngestFrame.HelloOk) {
                if (ch == channel) {
                    helloDone = true;
                    drain();
                }
            } else if (frame instanceof IngestFrame.ConnectionError error) {
                // A wrong token or version fails every batch here at once (no endpoint will take them); anything
                // else is this connection's problem, and its batches go on elsewhere.
                broken(ch, error.code() == RefusalCode.BAD_REQUEST
                        ? Outcome.retry("the node closed the connection: " + error.message())
                        : Outcome.refused(error.code(), error.message()));
            } else {
                broken(ch, Outcome.retry("unexpected " + frame.getClass().getSimpleName() + " frame from the node"));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            broken(ctx.channel(), Outcome.retry("connection closed by the node"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            broken(ctx.channel(), Outcome.retry("connection failed: " + describe(cause)));
        }
    }
}
