package io.siha.api;

/**
 * The file names of a kubernetes.io/tls Secret as cert-manager writes it, mounted as a directory: the operator mounts
 * these keys, the node reads these files.
 */
public final class TlsFiles {

    /** The certificate, followed by any intermediates (PEM). */
    public static final String CERTIFICATE = "tls.crt";
    /** Its private key: PKCS#1 RSA (cert-manager's default), SEC1 EC or PKCS#8 (PEM, unencrypted). */
    public static final String PRIVATE_KEY = "tls.key";
    /** The CA that signed the certificate (PEM): cert-manager's CA and self-signed issuers write it, ACME ones not. */
    public static final String CA = "ca.crt";

    private TlsFiles() {
    }
}
