package io.siha.node.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What one TLS directory holds, read and checked: this node's private key, its certificate chain (the certificate
 * first) and the CAs it trusts a peer's certificate from (empty where no peer certificate is asked for).
 * {@link #toString()} names the directory and the certificate, never the key: the JDK's own key objects print their
 * private numbers.
 */
public record TlsMaterial(Path directory, PrivateKey privateKey, List<X509Certificate> certificateChain,
                          List<X509Certificate> trustedCas) {

    public TlsMaterial {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(privateKey, "privateKey");
        certificateChain = List.copyOf(certificateChain);
        trustedCas = List.copyOf(trustedCas);
        if (certificateChain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the certificate");
        }
    }

    public X509Certificate certificate() {
        return certificateChain.get(0);
    }

    @Override
    public String toString() {
        return "TlsMaterial[directory=" + directory + ", certificate=" + certificate().getSubjectX500Principal()
                + " until " + certificate().getNotAfter().toInstant() + ", trustedCas=" + trustedCas.size()
                + ", privateKey=<" + privateKey.getAlgorithm() + ", not shown>]";
    }
}
