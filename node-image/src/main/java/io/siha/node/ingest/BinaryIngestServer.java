package io.siha.node.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.siha.client.IngestFrameHandlers;
import io.netty.handler.ssl.SslContext;
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
        IngestAccess access = IngestAccess.of(bearerToken);
        return new BinaryIngestServer(TcpServer.start(NAME, group, host, port,
                ch -> initConnection(ch, tls, access, target)));
    }

    /** The one place a connection's pipeline is built: the TLS handler, when there is one, first. */
    private static void initConnection(SocketChannel ch, Optional<SslContext> tls, IngestAccess access,
                                       IngestTarget target) {
        ServerPortTls.secure(ch, tls, NAME);
        IngestFrameHandlers.addTo(ch.pipeline());
        ch.pipeline().addLast(new BinaryIngestHandler(access, target));
    }

    public int port() {
        return server.port();
    }

    /** Stops accepting and closes every connection: no batch is taken after this returns. */
    @Override
    public void close() {
        server.close();
    }
}
