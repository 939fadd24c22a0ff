package io.siha.node.tls;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * Reads an unencrypted PEM private key in each encoding cert-manager writes: PKCS#1 ({@code BEGIN RSA PRIVATE KEY},
 * its default for RSA), SEC1 ({@code BEGIN EC PRIVATE KEY}) and PKCS#8 ({@code BEGIN PRIVATE KEY}, its
 * {@code privateKey.encoding: PKCS8}). The JDK reads PKCS#8 only, hence BouncyCastle's PEM parser; the key itself is
 * built by the JDK's providers, which the TLS engine uses.
 */
final class PemPrivateKeys {

    private static final String EXPECTED = "expected -----BEGIN RSA PRIVATE KEY-----, -----BEGIN EC PRIVATE KEY----- or"
            + " -----BEGIN PRIVATE KEY-----";

    private PemPrivateKeys() {
    }

    static PrivateKey read(Path file) {
        Object object;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(reader)) {
            object = pem.readObject();
            // openssl ecparam -genkey writes the curve ("EC PARAMETERS") before the key; the key names it again.
            while (object instanceof ASN1ObjectIdentifier) {
                object = pem.readObject();
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
        try {
            return convert(file, object);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    // The parser's messages describe the structure ("corrupted stream", "invalid characters"), never the content.
    private static InvalidTlsMaterialException unreadable(Path file, Exception e) {
        return new InvalidTlsMaterialException(file, "is not a readable PEM private key (" + EXPECTED + "): "
                + e.getMessage(), e);
    }

    private static PrivateKey convert(Path file, Object object) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (object instanceof PEMKeyPair pair) {
            // The private part only: a SEC1 key may leave out its (optional) public key.
            return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (object instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InvalidTlsMaterialException(file, "holds an encrypted private key; the node reads unencrypted"
                    + " keys only, as cert-manager writes them");
        }
        if (object == null) {
            throw new InvalidTlsMaterialException(file, "holds no PEM private key (" + EXPECTED + ")");
        }
        throw new InvalidTlsMaterialException(file, "holds a " + object.getClass().getSimpleName()
                + " where a private key belongs (" + EXPECTED + ")");
    }
}
