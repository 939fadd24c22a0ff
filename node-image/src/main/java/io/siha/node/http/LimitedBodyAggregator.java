package io.siha.node.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Netty's aggregator, with a 413 that says what the limit is: Netty's own has an empty body, where every other error
 * of these ports names its problem in {@code {"error": ...}}. The connection is closed after it, as a client that
 * sent too much may still be sending.
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
            HttpReplies.error(ctx, false, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the request body is larger than the limit of " + maxBodyBytes + " bytes");
        } else {
            super.handleOversizedMessage(ctx, oversized);
        }
    }
}
