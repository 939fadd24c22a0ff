package io.siha.node.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Whether a private key belongs to a certificate: it signs a random challenge that the certificate's public key then
 * verifies. Works for every key type cert-manager issues (RSA, ECDSA, Ed25519) without comparing their internals.
 */
final class KeyCertificateMatch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyCertificateMatch() {
    }

    static boolean matches(PrivateKey key, X509Certificate certificate) {
        Optional<String> algorithm = signatureAlgorithm(key);
        if (algorithm.isEmpty()) {
            return false;
        }
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // An RSA key for an EC certificate, an EC key on another curve: not the same key pair.
            return false;
        }
    }

    /** The key types TLS takes from a cert-manager Certificate; empty for any other. */
    static Optional<String> signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> Optional.of("SHA256withRSA");
            case "EC" -> Optional.of("SHA256withECDSA");
            case "Ed25519", "EdDSA" -> Optional.of("Ed25519");
            default -> Optional.empty();
        };
    }
}
