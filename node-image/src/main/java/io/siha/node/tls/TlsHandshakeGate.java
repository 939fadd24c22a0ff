package io.siha.node.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import java.util.function.Consumer;

/**
 * Sits right behind the {@link io.netty.handler.ssl.SslHandler} and keeps the protocol behind it from starting before
 * TLS is up: {@code channelActive} reaches the handlers behind it only once the handshake succeeded, so a protocol
 * that speaks first (the sync server's challenge) never talks to a peer TLS has not admitted. A failed handshake, or a
 * TLS error later (under TLS 1.3 a client learns only after its handshake that the server refused its certificate),
 * closes the connection and is reported once, as a {@link TlsRefusal}, instead of reaching those handlers as an
 * exception they know nothing about.
 */
final class TlsHandshakeGate extends ChannelInboundHandlerAdapter {

    private final Consumer<TlsRefusal> refusals;
    private boolean handshakeDone;
    private boolean refused;

    TlsHandshakeGate(Consumer<TlsRefusal> refusals) {
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Held back until the handshake completes; see userEventTriggered.
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                handshakeDone = true;
                ctx.fireChannelActive();
            } else {
                refuse(ctx, completion.cause());
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Before the handshake nothing behind this handler has started: whatever happens is the handshake's failure.
        if (!handshakeDone || TlsFailures.fromTls(cause)) {
            refuse(ctx, cause);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (!refused) {
            refused = true;
            refusals.accept(new TlsRefusal(ctx.channel().remoteAddress(), TlsFailures.describe(cause),
                    !handshakeDone && TlsFailures.peerHungUp(cause)));
        }
        ctx.close();
    }
}
