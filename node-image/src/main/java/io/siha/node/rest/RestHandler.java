package io.siha.node.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.siha.api.NodeEndpoints;
import io.siha.node.http.HttpReplies;
import io.siha.node.metrics.NodeMetrics;

import java.util.function.Supplier;

/** The REST port: health, readiness, status and metrics. It answers on both nodes, whatever their role. */
final class RestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<NodeStatus> status;
    private final MetricsPage metrics;

    RestHandler(Supplier<NodeStatus> status, MetricsPage metrics) {
        this.status = status;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpReplies.keepAlive(request);
        if (!HttpMethod.GET.equals(request.method())) {
            HttpReplies.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        switch (path) {
            case NodeEndpoints.HEALTH -> HttpReplies.text(ctx, keepAlive, HttpResponseStatus.OK, "text/plain", "ok\n");
            case NodeEndpoints.READY -> {
                NodeStatus now = status.get();
                HttpReplies.text(ctx, keepAlive, now.ready() ? HttpResponseStatus.OK
                        : HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain", now.role() + "\n");
            }
            case NodeEndpoints.STATUS -> HttpReplies.json(ctx, keepAlive, HttpResponseStatus.OK, toJson(status.get()));
            case NodeEndpoints.METRICS -> HttpReplies.text(ctx, keepAlive, HttpResponseStatus.OK,
                    NodeMetrics.contentType(), metrics.render(status.get()));
            default -> HttpReplies.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static String toJson(NodeStatus status) {
        try {
            return JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings and numbers always serializes", e);
        }
    }
}
