package io.siha.node.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority for tests, as a cert-manager CA Issuer would be: a self-signed CA certificate and the
 * certificates it issues, with cert-manager's key types. Issued certificates name localhost and 127.0.0.1 and may be
 * used as server and as client, so one serves both ends of a mutual TLS test.
 */
public final class TestCa {

    /** The key types cert-manager issues with ({@code privateKey.algorithm}). */
    public enum KeyType { RSA, EC, Ed25519 }

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCa(String name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new CA with an EC key (quick to make), valid from an hour ago for a day. */
    public static TestCa create(String name) {
        KeyPair keys = generate(KeyType.EC);
        X500Name subject = new X500Name("CN=" + name);
        X509Certificate certificate = sign(keys, new JcaX509v3CertificateBuilder(subject, serial(), notBefore(),
                notAfter(Duration.ofDays(1)), subject, keys.getPublic()), builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
        return new TestCa(name, keys, certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A certificate for {@code commonName} with a new key of {@code type}, valid from an hour ago for a day. */
    public IssuedCertificate issue(String commonName, KeyType type) {
        return issue(commonName, type, notAfter(Duration.ofDays(1)));
    }

    /** The same, ending at {@code notAfter} (in the past for an expired certificate). */
    public IssuedCertificate issue(String commonName, KeyType type, Date notAfter) {
        KeyPair leaf = generate(type);
        X509Certificate issued = sign(keys, new JcaX509v3CertificateBuilder(certificate, serial(),
                notBefore(notAfter), notAfter, new X500Name("CN=" + commonName), leaf.getPublic()), builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        });
        return new IssuedCertificate(leaf.getPrivate(), issued, this);
    }

    /** A client's TLS context that trusts this CA and nothing else, as a client given ca.crt would. */
    public SSLContext trustingClientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(name, certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make a client TLS context", e);
        }
    }

    @Override
    public String toString() {
        return "TestCa[" + name + "]";
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws java.io.IOException;
    }

    private static X509Certificate sign(KeyPair signer, X509v3CertificateBuilder builder, Extensions extensions) {
        try {
            extensions.add(builder);
            String algorithm = signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
        } catch (java.io.IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    private static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
            switch (type) {
                case RSA -> generator.initialize(2048); // cert-manager's default size
                case EC -> generator.initialize(new ECGenParameterSpec("secp256r1"));
                case Ed25519 -> { } // one curve, nothing to choose
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    /** An hour before the end or before now, whichever is earlier, so an expired certificate was once valid. */
    private static Date notBefore(Date notAfter) {
        Instant end = notAfter.toInstant().minus(Duration.ofHours(1));
        Instant now = Instant.now().minus(Duration.ofHours(1));
        return Date.from(end.isBefore(now) ? end : now);
    }

    private static Date notAfter(Duration from) {
        return Date.from(Instant.now().plus(from));
    }
}
