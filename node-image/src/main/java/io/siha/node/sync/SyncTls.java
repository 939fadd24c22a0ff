package io.siha.node.sync;

import io.netty.handler.ssl.SslContext;

import java.util.Objects;

/**
 * Mutual TLS under the sync protocol. The passive's server requires a client certificate, the active's client
 * presents one, and each accepts only a chain from the pair's CA (see io.siha.node.tls.TlsContexts for why no host
 * name is checked). The handshake over the shared secret runs inside TLS unchanged.
 *
 * @param server the passive's context: requires and verifies the active's certificate
 * @param client the active's context: presents this node's certificate, verifies the passive's
 */
public record SyncTls(SslContext server, SslContext client) {

    public SyncTls {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(client, "client");
        if (!server.isServer() || !client.isClient()) {
            throw new IllegalArgumentException("a server context and a client context are needed, in that order");
        }
    }
}
