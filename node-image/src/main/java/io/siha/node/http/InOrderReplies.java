package io.siha.node.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.siha.node.net.ReadSuspension;

import java.util.ArrayDeque;

/**
 * Answers the requests of one connection in the order they came, as HTTP/1.1 requires of pipelined requests: it
 * passes one request on at a time and holds the next until the current one's response is written.
 *
 * <p>Why one at a time rather than a queue of replies filled as they complete: an ingest reply completes
 * asynchronously (the acknowledgement waits for the passive) while a 400, a 401 or a query answer is written at once,
 * and every handler (the aggregator's 413 too) writes its own reply. Holding requests keeps all of them unchanged and
 * needs no buffering of replies; reading stops while a request is being answered, so what waits here is at most what
 * one socket read brought. The cost, a pipelining client's second request waits for the first's answer, is what
 * HTTP/1.1 pipelining gives anyway: its responses could not overtake each other.
 *
 * <p>It sits right after the HTTP decoder, before authentication and aggregation, so their replies are ordered too.
 */
final class InOrderReplies extends ChannelDuplexHandler {

    /** Requests (and their body parts) that arrived while an earlier request was unanswered, in order. */
    private final ArrayDeque<HttpObject> waiting = new ArrayDeque<>();
    /** A request was passed on and its response is not yet written. */
    private boolean answering;
    /** The body of the request passed on last is still arriving: its parts go on after it. */
    private boolean receivingBody;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!waiting.isEmpty() || (object instanceof HttpRequest && answering)) {
            waiting.add(object);
            return;
        }
        pass(ctx, object);
        updateReading(ctx);
    }

    private void pass(ChannelHandlerContext ctx, HttpObject object) {
        if (object instanceof HttpRequest) {
            answering = true;
            receivingBody = true;
        }
        if (object instanceof LastHttpContent) {
            receivingBody = false;
        }
        ctx.fireChannelRead(object);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean endsResponse = msg instanceof LastHttpContent && !(msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
        ctx.write(msg, promise);
        if (endsResponse && answering) {
            answering = false;
            // Not from within the write: the handler that wrote may still be inside its channelRead.
            ctx.executor().execute(() -> passWaiting(ctx));
        }
    }

    private void passWaiting(ChannelHandlerContext ctx) {
        while (!waiting.isEmpty() && !(answering && waiting.peek() instanceof HttpRequest)) {
            pass(ctx, waiting.poll());
        }
        updateReading(ctx);
    }

    /** Reads while the request being answered still has body to come or none is being answered; else waits. */
    private void updateReading(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (answering && !receivingBody) {
            ReadSuspension.suspend(ctx.channel(), ReadSuspension.Reason.REQUEST_OUTSTANDING);
        } else {
            ReadSuspension.resume(ctx.channel(), ReadSuspension.Reason.REQUEST_OUTSTANDING);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }
}
