package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.siha.client.IngestCodec;
import io.siha.client.IngestFrameHandlers;
import io.siha.node.net.LengthPrefixedFrames;
import io.siha.node.net.PortGuard;
import io.siha.node.net.PortLimits;
import io.siha.node.net.RateLimitedLog;
import io.siha.node.net.TcpServer;
import io.siha.node.tls.ServerPortTls;

import java.util.Optional;

/**
 * The binary ingest port ({@link io.siha.client.IngestCodec} documents the format), opened by an active term together
 * with the HTTP ingest port and closed with it. Events go to the same {@link IngestTarget}, checked by the same rules,
 * behind the same bearer token.
 */
public final class BinaryIngestServer implements AutoCloseable {

    private static final String NAME = "binary ingest";
    /** The name {@link IngestFrameHandlers} gives its frame splitter, which the node replaces with its own. */
    private static final String FRAMES = "ingest-frames";

    private final TcpServer server;

    private BinaryIngestServer(TcpServer server) {
        this.server = server;
    }

    /**
     * @param bearerToken the token every client must present in its HELLO; empty: the port is open to anyone who can
     *                    reach it
     * @param tls         when present, the port speaks TLS only (the ingest certificate)
     */
    public static BinaryIngestServer open(EventLoopGroup group, String host, int port, Optional<String> bearerToken,
                                          Optional<SslContext> tls, IngestTarget target) {
        return open(group, host, port, bearerToken, tls, PortLimits.INGEST, target);
    }

    /** The same under other limits than {@link PortLimits#INGEST}. */
    public static BinaryIngestServer open(EventLoopGroup group, String host, int port, Optional<String> bearerToken,
                                          Optional<SslContext> tls, PortLimits limits, IngestTarget target) {
        IngestAccess access = IngestAccess.of(bearerToken);
        RateLimitedLog refusals = BinaryIngestHandler.refusalLog();
        return new BinaryIngestServer(TcpServer.start(NAME, group, host, port, limits,
                ch -> initConnection(ch, tls, access, target, refusals)));
    }

    /**
     * The one place a connection's pipeline is built: the TLS handler, when there is one, first; frames of at most
     * {@link PortLimits#PRE_AUTH_FRAME_BYTES} until the HELLO is accepted, then of up to
     * {@link IngestCodec#MAX_FRAME_BYTES}.
     */
    private static void initConnection(SocketChannel ch, Optional<SslContext> tls, IngestAccess access,
                                       IngestTarget target, RateLimitedLog refusals) {
        ServerPortTls.secure(ch, tls, NAME);
        IngestFrameHandlers.addTo(ch.pipeline());
        ch.pipeline().replace(FRAMES, FRAMES, new LengthPrefixedFrames(IngestCodec.MAX_FRAME_BYTES));
        ch.pipeline().addAfter(FRAMES, "frame-boundary", PortGuard.boundary(frame -> true));
        ch.pipeline().addLast(new BinaryIngestHandler(access, target, refusals));
    }

    public int port() {
        return server.port();
    }

    /** The connections counted against the port's cap now. */
    public int openConnections() {
        return server.openConnections();
    }

    /** Stops accepting and closes every connection: no batch is taken after this returns. */
    @Override
    public void close() {
        server.close();
    }
}
