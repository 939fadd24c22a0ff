package io.siha.node.extensions.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.siha.node.http.HttpReplies;
import io.siha.node.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The credential check of an HTTP source with {@code basic.auth.enabled='true'}, on each request's head as it arrives,
 * before any of its body is read: without the node's token the request gets its 401 at once, the connection is closed
 * after it, and nothing it sends after that head is buffered. Sources without authentication pass unchecked.
 */
final class ReceiverAdmission extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ReceiverAdmission.class);
    private static final RateLimitedLog REFUSALS = new RateLimitedLog(log);
    static final long LINGER_MS = 1_000;
    static final String CHALLENGE = "Basic realm=\"si-ha source\", charset=\"UTF-8\"";

    private final ReceiverPort port;
    /** A request was refused: everything the connection sends from then on is dropped unread. */
    private boolean refused;

    ReceiverAdmission(ReceiverPort port) {
        this.port = port;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            Route route = port.route(new QueryStringDecoder(request.uri()).rawPath());
            if (route != null && route.authenticated) {
                ReceiverCredentials.Verdict verdict = port.credentials().map(c -> c.check(request.headers()
                        .get(HttpHeaderNames.AUTHORIZATION))).orElse(ReceiverCredentials.Verdict.WRONG);
                if (verdict != ReceiverCredentials.Verdict.ADMITTED) {
                    ReferenceCountUtil.release(msg);
                    refuse(ctx, route, verdict);
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, Route route, ReceiverCredentials.Verdict verdict) {
        refused = true;
        boolean none = verdict == ReceiverCredentials.Verdict.NONE;
        REFUSALS.warn("unauthorized", "HTTP source request for {} from {} refused: {}", route,
                ctx.channel().remoteAddress(), none ? "no credential" : "a credential that is not accepted");
        HttpReplies.unauthorized(ctx, CHALLENGE, none
                ? "this source requires the node's ingest token: 'Authorization: Bearer <token>', or basic "
                        + "authentication with the token as the password"
                : "the credential is not accepted").addListener(written -> linger(ctx, written.isSuccess()));
    }

    /**
     * Stops sending (FIN) and drops what still arrives for a second before closing, as the ingest port does: closing
     * with a body unread in the socket would reset the connection, and the client might never read its 401.
     */
    private static void linger(ChannelHandlerContext ctx, boolean written) {
        if (written && ctx.channel() instanceof SocketChannel socket) {
            socket.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), LINGER_MS, TimeUnit.MILLISECONDS);
        } else {
            ctx.close();
        }
    }
}
