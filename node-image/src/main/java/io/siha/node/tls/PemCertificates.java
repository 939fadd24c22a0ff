package io.siha.node.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads a PEM file of one or more X.509 certificates (a certificate and its intermediates, or a CA bundle). */
final class PemCertificates {

    private PemCertificates() {
    }

    /** The certificates in file order; at least one, or an exception naming the file. */
    static List<X509Certificate> read(Path file) {
        Collection<? extends Certificate> parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new InvalidTlsMaterialException(file, "cannot be read: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new InvalidTlsMaterialException(file, "is not a PEM certificate: " + e.getMessage(), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : parsed) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new InvalidTlsMaterialException(file, "holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }
}
