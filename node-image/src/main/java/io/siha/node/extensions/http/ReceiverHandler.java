package io.siha.node.extensions.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.siha.node.http.HttpReplies;
import io.siha.node.ingest.IntakePausedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers each request to one of a port's HTTP sources: its body, as a string, goes to the source's mapper on a worker
 * thread, and the reply waits until the pair holds the events it became: 200 {@code {"acknowledged": n}}; 400 when the
 * mapper made nothing of it or the node refused its values (nothing taken); 503 with {@code Retry-After} when the node
 * is not active, its memory is short, a sink's backlog is full or the workers are all busy (retry with the same
 * {@code Idempotency-Key}); 404 for a path no source listens on, 405 for a method other than POST.
 */
final class ReceiverHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ReceiverHandler.class);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ReceiverPort port;

    ReceiverHandler(ReceiverPort port) {
        this.port = port;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpReplies.keepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            HttpReplies.error(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).rawPath();
        Route route = port.route(path);
        if (route == null) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "no HTTP source listens on " + path
                    + " at this port (its sources' paths: " + port.paths() + ")");
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
            return;
        }
        String body = request.content().toString(StandardCharsets.UTF_8);
        String key = request.headers().get(IDEMPOTENCY_KEY);
        HttpHeaders headers = request.headers().copy();
        try {
            port.workers().execute(() -> deliver(ctx, keepAlive, route, body, key, headers));
        } catch (RejectedExecutionException e) {
            HttpReplies.busy(ctx, keepAlive, IntakePausedException.RETRY_AFTER_SECONDS, "not acknowledged: this "
                    + "source's port has " + ReceiverPort.QUEUED + " requests waiting; retry with the same "
                    + "Idempotency-Key");
        }
    }

    private static void deliver(ChannelHandlerContext ctx, boolean keepAlive, Route route, String body, String key,
                                HttpHeaders headers) {
        Route.Reply reply;
        try {
            reply = route.deliver(body, key, headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = Route.Reply.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "not acknowledged: the source is "
                    + "closing; retry with the same Idempotency-Key");
        } catch (RuntimeException e) {
            log.warn("HTTP source {}: a request failed", route, e);
            reply = Route.Reply.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "not acknowledged: " + e.getMessage()
                    + "; retry with the same Idempotency-Key");
        }
        if (reply.status().equals(HttpResponseStatus.OK)) {
            HttpReplies.json(ctx, keepAlive, HttpResponseStatus.OK, "{\"acknowledged\":" + reply.events() + "}");
        } else if (reply.status().equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
            HttpReplies.busy(ctx, keepAlive, IntakePausedException.RETRY_AFTER_SECONDS, reply.message());
        } else {
            HttpReplies.error(ctx, keepAlive, reply.status(), reply.message());
        }
    }
}
