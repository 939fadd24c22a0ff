package io.siha.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * TLS to the ingest ports, trusting exactly the certificates of one PEM file (the pair's {@code ca.crt}). The node's
 * certificate must name the host the client connects to (the Service's DNS name, as a cert-manager Certificate
 * lists it), so host names are verified on both transports.
 */
final class ClientTls {

    final SslContext binary;
    final SSLContext http;

    private ClientTls(SslContext binary, SSLContext http) {
        this.binary = binary;
        this.http = http;
    }

    /** @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate */
    static ClientTls trusting(Path caPem) {
        TrustManagerFactory trust = trustManagers(caPem);
        try {
            SslContext binary = SslContextBuilder.forClient().trustManager(trust)
                    .endpointIdentificationAlgorithm("HTTPS").build();
            SSLContext http = SSLContext.getInstance("TLS");
            http.init(null, trust.getTrustManagers(), null);
            return new ClientTls(binary, http);
        } catch (SSLException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trusting " + caPem + ": " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(caPem + " holds no PEM certificate (expected the pair's ca.crt)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the trusted certificates " + caPem + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(caPem + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }
}
