package io.siha.node.testing;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;

/** A certificate a {@link TestCa} issued and its key, written out as cert-manager writes a kubernetes.io/tls Secret. */
public record IssuedCertificate(PrivateKey privateKey, X509Certificate certificate, TestCa issuer) {

    /** How the key is written to tls.key ({@code privateKey.encoding} of a cert-manager Certificate). */
    public enum KeyEncoding {
        /** PKCS#1 for RSA ("RSA PRIVATE KEY", cert-manager's default), SEC1 for EC ("EC PRIVATE KEY"). */
        PKCS1,
        /** PKCS#8 ("PRIVATE KEY"). */
        PKCS8
    }

    /** Writes tls.crt, tls.key and ca.crt into {@code directory} (created if need be) and returns it. */
    public Path writeTo(Path directory, KeyEncoding encoding) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("tls.crt"), pem(certificate));
            Files.writeString(directory.resolve("tls.key"), keyPem(encoding));
            Files.writeString(directory.resolve("ca.crt"), pem(issuer.certificate()));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String keyPem(KeyEncoding encoding) {
        try {
            if (encoding == KeyEncoding.PKCS8) {
                return pem(new JcaPKCS8Generator(privateKey, null));
            }
            return privateKey instanceof ECPrivateKey ec ? sec1Pem(ec) : pem(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SEC1 as Go's x509.MarshalECPrivateKey (so cert-manager) writes it: with the curve and the public key. The JDK's
     * own encoding leaves both out of the inner structure, which a PEM writer would then carry over.
     */
    private String sec1Pem(ECPrivateKey key) throws IOException {
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(key.getEncoded());
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(key.getParams().getOrder().bitLength(), key.getS(),
                publicKey.getPublicKeyData(), pkcs8.getPrivateKeyAlgorithm().getParameters());
        return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    /** The key as PKCS#8 encrypted with a password, which cert-manager never writes. */
    public String encryptedKeyPem() {
        try {
            return pem(new JcaPKCS8Generator(privateKey, new JceOpenSSLPKCS8EncryptorBuilder(
                    PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                    .setPassword("password".toCharArray()).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject and key type: a key's own toString would print its private numbers. */
    @Override
    public String toString() {
        return certificate.getSubjectX500Principal().getName() + " (" + privateKey.getAlgorithm() + ")";
    }

    public static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
