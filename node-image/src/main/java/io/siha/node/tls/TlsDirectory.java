package io.siha.node.tls;

import io.siha.api.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Reads a directory laid out as a mounted kubernetes.io/tls Secret from cert-manager: {@value TlsFiles#CERTIFICATE},
 * {@value TlsFiles#PRIVATE_KEY} and, where peers are verified, {@value TlsFiles#CA}. Everything is checked here, once,
 * so that a node with unusable material stops at start naming the file, instead of failing every handshake later.
 */
public final class TlsDirectory {

    private static final Logger log = LoggerFactory.getLogger(TlsDirectory.class);

    private TlsDirectory() {
    }

    /** Key, certificate and the CA that peers' certificates must chain to: for mutual TLS. */
    public static TlsMaterial withCa(Path directory) {
        return read(directory, true);
    }

    /**
     * Key and certificate only: for a server whose clients present no certificate. {@value TlsFiles#CA} is not read,
     * since issuers such as ACME ones do not write it.
     */
    public static TlsMaterial withoutCa(Path directory) {
        return read(directory, false);
    }

    private static TlsMaterial read(Path directory, boolean withCa) {
        String layout = withCa
                ? TlsFiles.CERTIFICATE + ", " + TlsFiles.PRIVATE_KEY + " and " + TlsFiles.CA
                : TlsFiles.CERTIFICATE + " and " + TlsFiles.PRIVATE_KEY;
        if (!Files.isDirectory(directory)) {
            throw new InvalidTlsMaterialException(directory, "is not a directory (expected one holding " + layout
                    + ", as a mounted kubernetes.io/tls Secret does)");
        }
        Path certificateFile = existing(directory, TlsFiles.CERTIFICATE, layout);
        Path keyFile = existing(directory, TlsFiles.PRIVATE_KEY, layout);
        Path caFile = withCa ? existing(directory, TlsFiles.CA, layout) : null;

        List<X509Certificate> chain = PemCertificates.read(certificateFile);
        PrivateKey key = PemPrivateKeys.read(keyFile);
        if (KeyCertificateMatch.signatureAlgorithm(key).isEmpty()) {
            throw new InvalidTlsMaterialException(keyFile, "holds a " + key.getAlgorithm()
                    + " key; supported are RSA, EC and Ed25519");
        }
        if (!KeyCertificateMatch.matches(key, chain.get(0))) {
            throw new InvalidTlsMaterialException(keyFile, "does not belong to the certificate in " + certificateFile
                    + " (" + chain.get(0).getSubjectX500Principal() + ")");
        }
        List<X509Certificate> cas = withCa ? PemCertificates.read(caFile) : List.of();
        warnIfOutsideValidity(certificateFile, chain.get(0));
        return new TlsMaterial(directory, key, chain, cas);
    }

    private static Path existing(Path directory, String name, String layout) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InvalidTlsMaterialException(file, "does not exist (expected " + layout
                    + ", as cert-manager writes them into a kubernetes.io/tls Secret)");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidTlsMaterialException(file, "is not readable by this process");
        }
        return file;
    }

    /**
     * Only a warning: peers refuse an expired certificate anyway and say so in their logs, and a node that does not
     * start would turn a renewal that cert-manager is late with into an outage of the whole pair.
     */
    private static void warnIfOutsideValidity(Path file, X509Certificate certificate) {
        Instant now = Instant.now();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            log.warn("the certificate in {} ({}) expired at {}: peers will refuse it", file,
                    certificate.getSubjectX500Principal(), certificate.getNotAfter().toInstant());
        } else if (now.isBefore(certificate.getNotBefore().toInstant())) {
            log.warn("the certificate in {} ({}) is not valid before {}: peers will refuse it until then", file,
                    certificate.getSubjectX500Principal(), certificate.getNotBefore().toInstant());
        }
    }
}
