package io.siha.node.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.siha.node.http.HttpReplies;
import io.siha.node.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP ingest port's token check, on each request's head as it arrives, before any of its body is read: a request
 * without the token gets its 401 at once and the connection is closed after it; nothing the connection sends after
 * that head is buffered or looked at. So a client without the token learns nothing, not even which apps exist, and
 * cannot make the node hold a body it claims to send. The token itself never appears in a reply or a log.
 */
final class BearerTokenCheck extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenCheck.class);
    /**
     * After the 401 the node stops sending (FIN) but drops what still arrives for this long before it closes: closing
     * with the client's body unread in the socket would reset the connection, and the client might never read its
     * 401. What arrives meanwhile is released as it is read, never kept.
     */
    static final long LINGER_MS = 1_000;

    // Bearer challenges (RFC 6750): the plain one asks for a token, the second says the one sent was not accepted.
    static final String CHALLENGE = "Bearer realm=\"si-ha ingest\"";
    static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

    private final IngestAccess access;
    private final RateLimitedLog refusals;
    /** A request was refused: everything the connection sends from then on is dropped unread. */
    private boolean refused;

    /** @param refusals the port's log of refusals, shared by its connections */
    BearerTokenCheck(IngestAccess access, RateLimitedLog refusals) {
        this.access = access;
        this.refusals = refusals;
    }

    /** A log of refusals for one port: at most a line per interval, with a count of those left out. */
    static RateLimitedLog refusalLog() {
        return new RateLimitedLog(log);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        // A head that could not be parsed goes on to its 400; the decoder reads nothing more of the connection.
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            IngestAccess.Verdict verdict = access.check(request.headers().get(HttpHeaderNames.AUTHORIZATION));
            if (verdict != IngestAccess.Verdict.ADMITTED) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, verdict);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, IngestAccess.Verdict verdict) {
        refused = true;
        boolean noToken = verdict == IngestAccess.Verdict.NO_TOKEN;
        refusals.warn("unauthorized", "HTTP ingest request from {} refused: {}", ctx.channel().remoteAddress(),
                noToken ? "no bearer token" : "a bearer token that is not accepted");
        HttpReplies.unauthorized(ctx, noToken ? CHALLENGE : INVALID_TOKEN_CHALLENGE, noToken
                ? "this port requires a token: send the header 'Authorization: Bearer <token>'"
                : "the bearer token is not accepted").addListener(written -> {
                    if (written.isSuccess() && ctx.channel() instanceof SocketChannel socket) {
                        socket.shutdownOutput();
                        ctx.executor().schedule(() -> ctx.close(), LINGER_MS, TimeUnit.MILLISECONDS);
                    } else {
                        ctx.close();
                    }
                });
    }
}
