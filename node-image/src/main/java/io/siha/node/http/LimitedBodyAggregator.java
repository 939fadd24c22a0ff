package io.siha.node.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator, with a 413 that says what the limit is: Netty's own has an empty body, where every other error
 * of these ports names its problem in {@code {"error": ...}}. Like Netty's, it keeps a keep-alive connection open and
 * lets the aggregator discard the rest of the body: closing while the client is still sending makes the kernel reset
 * the connection, and the client may never read the 413 (seen once in a full test run).
 */
final class LimitedBodyAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;

    LimitedBodyAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (oversized instanceof HttpRequest) {
            boolean keepOpen = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized);
            HttpReplies.error(ctx, keepOpen, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the request body is larger than the limit of " + maxBodyBytes + " bytes");
        } else {
            super.handleOversizedMessage(ctx, oversized);
        }
    }
}
