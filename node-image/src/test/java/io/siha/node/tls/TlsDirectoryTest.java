package io.siha.node.tls;

import io.siha.node.testing.IssuedCertificate;
import io.siha.node.testing.IssuedCertificate.KeyEncoding;
import io.siha.node.testing.TestCa;
import io.siha.node.testing.TestCa.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A directory laid out as cert-manager's Secret: every key encoding it writes is read; every way it can be wrong is named. */
class TlsDirectoryTest {

    private static final TestCa CA = TestCa.create("pair-ca");
    private static final IssuedCertificate RSA = CA.issue("orders-sync", KeyType.RSA);
    private static final IssuedCertificate EC = CA.issue("orders-sync", KeyType.EC);

    @TempDir
    Path temp;

    static Stream<Arguments> keysAsCertManagerWritesThem() {
        return Stream.of(
                Arguments.of(RSA, KeyEncoding.PKCS1, "RSA PRIVATE KEY"),
                Arguments.of(EC, KeyEncoding.PKCS1, "EC PRIVATE KEY"),
                Arguments.of(RSA, KeyEncoding.PKCS8, "PRIVATE KEY"),
                Arguments.of(EC, KeyEncoding.PKCS8, "PRIVATE KEY"),
                // cert-manager writes Ed25519 keys as PKCS#8 only.
                Arguments.of(CA.issue("orders-sync", KeyType.Ed25519), KeyEncoding.PKCS8, "PRIVATE KEY"));
    }

    @ParameterizedTest(name = "{0} as {2}")
    @MethodSource("keysAsCertManagerWritesThem")
    void readsEveryKeyEncodingCertManagerWrites(IssuedCertificate issued, KeyEncoding encoding, String pemType)
            throws IOException {
        Path dir = issued.writeTo(temp.resolve("tls"), encoding);
        assertThat(Files.readString(dir.resolve("tls.key"))).startsWith("-----BEGIN " + pemType + "-----");

        TlsMaterial material = TlsDirectory.withCa(dir);

        assertThat(material.privateKey().getAlgorithm()).isEqualTo(issued.privateKey().getAlgorithm());
        assertThat(KeyCertificateMatch.matches(material.privateKey(), issued.certificate())).isTrue();
        assertThat(material.certificate()).isEqualTo(issued.certificate());
        assertThat(material.trustedCas()).containsExactly(CA.certificate());
    }

    @Test
    void aKeyAfterTheCurveParametersOpensslWritesIsRead() throws IOException {
        Path dir = EC.writeTo(temp.resolve("tls"), KeyEncoding.PKCS1);
        String parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        Files.writeString(dir.resolve("tls.key"), parameters + Files.readString(dir.resolve("tls.key")));

        assertThat(KeyCertificateMatch.matches(TlsDirectory.withCa(dir).privateKey(), EC.certificate())).isTrue();
    }

    @Test
    void withoutCaNeedsNoCaFile() throws IOException {
        Path dir = RSA.writeTo(temp.resolve("tls"), KeyEncoding.PKCS1);
        Files.delete(dir.resolve("ca.crt"));

        assertThat(TlsDirectory.withoutCa(dir).trustedCas()).isEmpty();
    }

    @Test
    void anExpiredCertificateIsOnlyWarnedAbout() {
        IssuedCertificate expired = CA.issue("orders-sync", KeyType.EC,
                Date.from(Instant.now().minus(Duration.ofMinutes(1))));
        Path dir = expired.writeTo(temp.resolve("tls"), KeyEncoding.PKCS1);

        // The peer refuses it and says so; refusing to start would turn a late renewal into an outage of the pair.
        assertThat(TlsDirectory.withCa(dir).certificate()).isEqualTo(expired.certificate());
    }

    @Test
    void toStringNamesTheCertificateButNeverTheKey() {
        TlsMaterial material = TlsDirectory.withCa(RSA.writeTo(temp.resolve("tls"), KeyEncoding.PKCS1));

        assertThat(material.toString()).contains("CN=orders-sync", temp.toString())
                .doesNotContain(base64(RSA.privateKey().getEncoded()).substring(0, 40));
        // The JDK's RSA key prints its modulus and private exponent; none of that may appear.
        assertThat(material.toString()).doesNotContain("exponent", "modulus");
    }

    /** One way to break a good directory, and what the message must say. */
    record Breakage(String description, Consumer<Path> apply, String file, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Breakage> breakages() {
        IssuedCertificate other = CA.issue("someone-else", KeyType.RSA);
        return Stream.of(
                new Breakage("no tls.key", dir -> delete(dir.resolve("tls.key")), "tls.key",
                        "does not exist (expected tls.crt, tls.key and ca.crt"),
                new Breakage("no tls.crt", dir -> delete(dir.resolve("tls.crt")), "tls.crt", "does not exist"),
                new Breakage("no ca.crt", dir -> delete(dir.resolve("ca.crt")), "ca.crt", "does not exist"),
                new Breakage("empty tls.crt", dir -> write(dir.resolve("tls.crt"), ""), "tls.crt",
                        "holds no certificate"),
                new Breakage("garbage tls.crt", dir -> write(dir.resolve("tls.crt"),
                        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"),
                        "tls.crt", "is not a PEM certificate"),
                new Breakage("garbage ca.crt", dir -> write(dir.resolve("ca.crt"), "hello"), "ca.crt",
                        "is not a PEM certificate"),
                new Breakage("text in tls.key", dir -> write(dir.resolve("tls.key"), "not a key\n"), "tls.key",
                        "holds no PEM private key"),
                new Breakage("a certificate in tls.key", dir -> write(dir.resolve("tls.key"),
                        IssuedCertificate.pem(RSA.certificate())), "tls.key", "where a private key belongs"),
                new Breakage("an encrypted key", dir -> write(dir.resolve("tls.key"), RSA.encryptedKeyPem()),
                        "tls.key", "holds an encrypted private key"),
                new Breakage("another certificate's key", dir -> write(dir.resolve("tls.key"),
                        other.keyPem(KeyEncoding.PKCS1)), "tls.key", "does not belong to the certificate in"),
                new Breakage("an EC key for an RSA certificate", dir -> write(dir.resolve("tls.key"),
                        EC.keyPem(KeyEncoding.PKCS8)), "tls.key", "does not belong to the certificate in"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void eachBrokenDirectoryIsRefusedNamingTheFile(Breakage breakage) {
        Path dir = RSA.writeTo(temp.resolve("tls"), KeyEncoding.PKCS1);
        breakage.apply().accept(dir);

        assertThatThrownBy(() -> TlsDirectory.withCa(dir)).isInstanceOf(InvalidTlsMaterialException.class)
                .hasMessageStartingWith(dir.resolve(breakage.file()).toString())
                .hasMessageContaining(breakage.message());
    }

    @Test
    void aCorruptedKeyIsRefusedWithoutShowingItsContent() throws IOException {
        Path dir = RSA.writeTo(temp.resolve("tls"), KeyEncoding.PKCS1);
        String key = Files.readString(dir.resolve("tls.key"));
        String[] lines = key.split("\n");
        lines[3] = lines[3].substring(0, 10) + "!!!!" + lines[3].substring(14);
        Files.writeString(dir.resolve("tls.key"), String.join("\n", lines) + "\n");

        assertThatThrownBy(() -> TlsDirectory.withCa(dir)).isInstanceOf(InvalidTlsMaterialException.class)
                .hasMessageStartingWith(dir.resolve("tls.key") + " is not a readable PEM private key")
                .satisfies(e -> {
                    for (int i = 1; i < lines.length - 1; i++) {
                        assertThat(e.getMessage()).doesNotContain(lines[i].substring(0, 16));
                    }
                });
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = temp.resolve("not-mounted");

        assertThatThrownBy(() -> TlsDirectory.withCa(missing)).isInstanceOf(InvalidTlsMaterialException.class)
                .hasMessage(missing + " is not a directory (expected one holding tls.crt, tls.key and ca.crt, as a"
                        + " mounted kubernetes.io/tls Secret does)");
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
