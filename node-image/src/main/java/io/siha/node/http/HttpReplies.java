package io.siha.node.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** Writes a complete response, keeping the connection open when the client asked for keep-alive. */
public final class HttpReplies {

    private HttpReplies() {
    }

    public static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String json) {
        send(ctx, keepAlive, status, "application/json", json);
    }

    /** {@code {"error": message}} with the message JSON-escaped. */
    public static void error(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String message) {
        json(ctx, keepAlive, status, errorJson(message));
    }

    /**
     * 503 with {@code {"error": message}} and {@code Retry-After} in seconds: the node takes no new events for now
     * (its memory or a sink's backlog is full) and says when to try again, at this node.
     */
    public static void busy(ChannelHandlerContext ctx, boolean keepAlive, int retryAfterSeconds, String message) {
        FullHttpResponse response = response(HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json",
                errorJson(message));
        response.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        write(ctx, keepAlive, response);
    }

    /**
     * 401 with {@code {"error": message}}, the {@code WWW-Authenticate} challenge, which tells the client how to
     * authenticate (RFC 7235), and {@code Connection: close}; the caller closes the connection once it is written.
     */
    public static ChannelFuture unauthorized(ChannelHandlerContext ctx, String challenge, String message) {
        FullHttpResponse response = response(HttpResponseStatus.UNAUTHORIZED, "application/json",
                errorJson(message));
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return ctx.writeAndFlush(response);
    }

    public static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                            String contentType, String body) {
        send(ctx, keepAlive, status, contentType, body);
    }

    public static boolean keepAlive(FullHttpRequest request) {
        return HttpUtil.isKeepAlive(request);
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                             String contentType, String body) {
        write(ctx, keepAlive, response(status, contentType, body));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType + "; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String errorJson(String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
