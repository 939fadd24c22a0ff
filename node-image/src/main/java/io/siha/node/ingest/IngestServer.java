package io.siha.node.ingest;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.siha.node.http.HttpServer;
import io.siha.node.net.PortLimits;
import io.siha.node.net.RateLimitedLog;

import java.util.Optional;
import java.util.function.Supplier;

/** The HTTP ingest port, opened by an active term once it is ready and closed the instant the term ends. */
public final class IngestServer {

    /** Largest request body: about 10,000 small events. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int MAX_EVENTS_PER_REQUEST = 10_000;

    private IngestServer() {
    }

    /**
     * @param bearerToken the token every request must carry as {@code Authorization: Bearer <token>}; empty: the port
     *                    is open to anyone who can reach it
     */
    public static HttpServer open(EventLoopGroup group, String host, int port, Optional<String> bearerToken,
                                  IngestTarget target) {
        return open(group, host, port, bearerToken, Optional.empty(), target);
    }

    /** The same, speaking HTTPS only when {@code tls} (a server context) is present. */
    public static HttpServer open(EventLoopGroup group, String host, int port, Optional<String> bearerToken,
                                  Optional<SslContext> tls, IngestTarget target) {
        return open(group, host, port, bearerToken, tls, PortLimits.INGEST, target);
    }

    /**
     * The same under other limits than {@link PortLimits#INGEST}. With a token, each request's head is checked before
     * its body is read ({@link BearerTokenCheck}).
     */
    public static HttpServer open(EventLoopGroup group, String host, int port, Optional<String> bearerToken,
                                  Optional<SslContext> tls, PortLimits limits, IngestTarget target) {
        EventJsonDecoder decoder = new EventJsonDecoder(MAX_EVENTS_PER_REQUEST);
        IngestAccess access = IngestAccess.of(bearerToken);
        RateLimitedLog refusals = BearerTokenCheck.refusalLog();
        Optional<Supplier<ChannelHandler>> tokenCheck = bearerToken.map(token -> () -> new BearerTokenCheck(access,
                refusals));
        return HttpServer.start("HTTP ingest", group, host, port, tls, limits, MAX_BODY_BYTES, tokenCheck,
                () -> new IngestHandler(target, decoder));
    }
}
