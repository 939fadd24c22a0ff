package io.siha.node.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts (the JDK's TLS engine, TLS 1.3 and 1.2) built from checked {@link TlsMaterial}.
 *
 * <p>Mutual TLS verifies the peer's chain against the directory's CA, and nothing else: no host name. The pair's peers
 * reach each other by pod IP, which a certificate cannot name in advance (cert-manager issues before the pod exists,
 * and a restarted pod gets a new IP). So the CA is the authority: every holder of a certificate it signed is a
 * possible peer, which is why it should be a CA of this pair alone. Which pair, group and term a peer belongs to is
 * still proven inside the channel by the sync handshake over the shared secret.
 */
public final class TlsContexts {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** A server that requires a client certificate signed by the material's CA. */
    public static SslContext mutualServer(TlsMaterial material) {
        return build(material, SslContextBuilder.forServer(material.privateKey(), material.certificateChain())
                .trustManager(material.trustedCas())
                .clientAuth(ClientAuth.REQUIRE));
    }

    /** A client that presents its certificate and accepts only a server whose chain the material's CA signed. */
    public static SslContext mutualClient(TlsMaterial material) {
        return build(material, SslContextBuilder.forClient()
                .keyManager(material.privateKey(), material.certificateChain())
                .trustManager(material.trustedCas())
                // Netty 4.2 verifies the host name by default; peers are pod IPs no certificate names (see above).
                .endpointIdentificationAlgorithm(null));
    }

    /** A server whose clients present no certificate: HTTPS ingest. */
    public static SslContext server(TlsMaterial material) {
        return build(material, SslContextBuilder.forServer(material.privateKey(), material.certificateChain()));
    }

    private static SslContext build(TlsMaterial material, SslContextBuilder builder) {
        try {
            return builder.protocols(PROTOCOLS).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up TLS from " + material.directory() + ": " + e.getMessage(),
                    e);
        }
    }
}
