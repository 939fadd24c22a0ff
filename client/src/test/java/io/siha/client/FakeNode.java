package io.siha.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for a node's binary ingest port, speaking the real codec: it records every EVENTS frame and answers it
 * as the test says (an ACK, a NACK, or nothing at all when the answer is null).
 */
final class FakeNode implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<IngestFrame.Events> received = new CopyOnWriteArrayList<>();
    private final Channel server;
    private volatile Function<IngestFrame.Events, IngestFrame> answer;
    /** Frames answered with nothing, and the connection to answer them on later. */
    private final List<Held> held = new CopyOnWriteArrayList<>();

    private record Held(ChannelHandlerContext ctx, IngestFrame.Events events) {
    }

    private FakeNode(String token, Function<IngestFrame.Events, IngestFrame> answer) {
        this.answer = answer;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        IngestFrameHandlers.addTo(ch.pipeline());
                        ch.pipeline().addLast(new Handler(token));
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** Acknowledges everything. */
    static FakeNode acking() {
        return new FakeNode(null, e -> new IngestFrame.Ack(e.requestId(), e.events().size()));
    }

    static FakeNode answering(Function<IngestFrame.Events, IngestFrame> answer) {
        return new FakeNode(null, answer);
    }

    /** Acknowledges everything from a client with {@code token}; refuses the HELLO of any other. */
    static FakeNode requiringToken(String token) {
        return new FakeNode(token, e -> new IngestFrame.Ack(e.requestId(), e.events().size()));
    }

    void answer(Function<IngestFrame.Events, IngestFrame> newAnswer) {
        answer = newAnswer;
    }

    /** Acknowledges every frame held so far (those its answer returned null for). */
    void ackHeld() {
        for (Held h : held) {
            held.remove(h);
            h.ctx().writeAndFlush(new IngestFrame.Ack(h.events().requestId(), h.events().events().size()));
        }
    }

    String address() {
        return "127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    List<IngestFrame.Events> received() {
        return received;
    }

    /** Ids of every event received, in order, repeats included. */
    List<String> receivedIds() {
        return received.stream().flatMap(f -> f.events().stream()).map(ClientEvent::id).toList();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<IngestFrame> {
        private final String token;

        Handler(String token) {
            this.token = token;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, IngestFrame frame) {
            if (frame instanceof IngestFrame.Hello hello) {
                if (token != null && !Objects.equals(token, hello.token())) {
                    ctx.writeAndFlush(new IngestFrame.ConnectionError(RefusalCode.UNAUTHORIZED,
                            "the bearer token is not accepted")).addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.writeAndFlush(new IngestFrame.HelloOk(IngestCodec.VERSION));
                }
            } else if (frame instanceof IngestFrame.Events events) {
                received.add(events);
                IngestFrame reply = answer.apply(events);
                if (reply != null) {
                    ctx.writeAndFlush(reply);
                } else {
                    held.add(new Held(ctx, events));
                }
            }
        }
    }
}
