package io.siha.node.sync;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.siha.node.net.PortGuard;

/**
 * Sees the passive's WELCOME go out, the moment a peer has passed the handshake, and lifts what held for an unproven
 * connection: its frames may now be full-sized, and it no longer counts against the sync port's connection cap (so
 * unauthenticated connections can never push out the real active's). It watches the session's writes rather than
 * being told, so the session has nothing to do with ports and limits.
 */
final class HandshakeWatch extends ChannelOutboundHandlerAdapter {

    private final FrameDecoder decoder;
    private final PortGuard guard;

    HandshakeWatch(FrameDecoder decoder, PortGuard guard) {
        this.decoder = decoder;
        this.guard = guard;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Frame.Welcome) {
            decoder.authenticated();
            guard.authenticated(ctx.channel());
            ctx.pipeline().remove(this);
        }
        ctx.write(msg, promise);
    }
}
