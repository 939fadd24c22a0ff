package io.siha.node.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading a connection while its unsent replies are above the high water mark and reads again once they drop
 * below the low one: a client that sends without reading its answers (NACKs, 4xx) makes the node hold at most the
 * water mark's worth of replies for it, instead of reading on and queueing replies without bound.
 */
@ChannelHandler.Sharable
final class WriteBackpressure extends ChannelInboundHandlerAdapter {

    static final WriteBackpressure INSTANCE = new WriteBackpressure();

    private WriteBackpressure() {
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ReadSuspension.resume(ctx.channel(), ReadSuspension.Reason.WRITES_BACKED_UP);
        } else {
            ReadSuspension.suspend(ctx.channel(), ReadSuspension.Reason.WRITES_BACKED_UP);
        }
        ctx.fireChannelWritabilityChanged();
    }
}
