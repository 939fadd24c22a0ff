package io.siha.node.config;

import io.siha.api.NodeEnv;
import io.siha.node.testing.IssuedCertificate;
import io.siha.node.testing.IssuedCertificate.KeyEncoding;
import io.siha.node.testing.TestCa;
import io.siha.node.testing.TestCa.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SIHA_SYNC_TLS_DIR and SIHA_INGEST_TLS_DIR as NodeConfig reads them: checked at start, named in every problem. */
class TlsSettingsTest {

    private static final TestCa CA = TestCa.create("pair-ca");
    private static final IssuedCertificate SYNC = CA.issue("orders-sync", KeyType.RSA);
    private static final IssuedCertificate INGEST = CA.issue("orders.example.com", KeyType.EC);

    @TempDir
    Path temp;

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(NodeEnv.CLUSTER_GROUP, "orders");
        env.put(NodeEnv.NODE_ID, "orders-0");
        env.put(NodeEnv.CLUSTER_DB_URL, "jdbc:postgresql://db:5432/siha");
        env.put(NodeEnv.DB_USER, "siha");
        env.put(NodeEnv.ADVERTISED_HOST, "10.1.2.3");
        env.put(NodeEnv.SYNC_SECRET, "0123456789abcdef-sync");
        return env;
    }

    @Test
    void unsetMeansPlainOnBothChannels() {
        TlsSettings tls = NodeConfig.fromEnvironment(env()).tls();

        assertThat(tls.sync()).isEmpty();
        assertThat(tls.ingest()).isEmpty();
    }

    @Test
    void bothDirectoriesAreReadAndTheConfigShowsTheirCertificatesButNoKey() throws IOException {
        Path sync = SYNC.writeTo(temp.resolve("sync"), KeyEncoding.PKCS1);
        Path ingest = INGEST.writeTo(temp.resolve("ingest"), KeyEncoding.PKCS1);
        Files.delete(ingest.resolve("ca.crt")); // not needed where clients present no certificate
        Map<String, String> env = env();
        env.put(NodeEnv.SYNC_TLS_DIR, sync.toString());
        env.put(NodeEnv.INGEST_TLS_DIR, ingest.toString());

        NodeConfig config = NodeConfig.fromEnvironment(env);

        assertThat(config.tls().sync()).hasValueSatisfying(m -> assertThat(m.trustedCas()).hasSize(1));
        assertThat(config.tls().ingest()).hasValueSatisfying(m -> assertThat(m.trustedCas()).isEmpty());
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) config.tls().sync().orElseThrow().privateKey();
        assertThat(config.toString()).contains("CN=orders-sync", "CN=orders.example.com")
                .doesNotContain(key.getPrivateExponent().toString(), key.getPrivateExponent().toString(16),
                        key.getPrimeP().toString());
    }

    @Test
    void aBrokenSyncDirectoryNamesTheVariableAndTheFile() throws IOException {
        Path sync = SYNC.writeTo(temp.resolve("sync"), KeyEncoding.PKCS1);
        Files.delete(sync.resolve("ca.crt"));
        Map<String, String> env = env();
        env.put(NodeEnv.SYNC_TLS_DIR, sync.toString());

        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env)).isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsExactly(
                        "SIHA_SYNC_TLS_DIR=" + sync + ": " + sync.resolve("ca.crt") + " does not exist (expected"
                                + " tls.crt, tls.key and ca.crt, as cert-manager writes them into a kubernetes.io/tls"
                                + " Secret)"));
    }

    @Test
    void aKeyOfAnotherCertificateForIngestNamesTheVariableAndTheFile() throws IOException {
        Path ingest = INGEST.writeTo(temp.resolve("ingest"), KeyEncoding.PKCS8);
        Files.writeString(ingest.resolve("tls.key"), SYNC.keyPem(KeyEncoding.PKCS1));
        Map<String, String> env = env();
        env.put(NodeEnv.INGEST_TLS_DIR, ingest.toString());

        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("SIHA_INGEST_TLS_DIR=" + ingest + ": " + ingest.resolve("tls.key")
                        + " does not belong to the certificate in " + ingest.resolve("tls.crt"));
    }

    @Test
    void tlsProblemsAreReportedWithTheOthersAtOnce() {
        Map<String, String> env = env();
        env.remove(NodeEnv.DB_USER);
        env.put(NodeEnv.SYNC_TLS_DIR, temp.resolve("not-mounted").toString());
        env.put(NodeEnv.INGEST_TLS_DIR, temp.resolve("nor-this").toString());

        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env)).isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("SIHA_DB_USER is not set"))
                        .anySatisfy(p -> assertThat(p).startsWith("SIHA_SYNC_TLS_DIR=" + temp.resolve("not-mounted")
                                + ": " + temp.resolve("not-mounted") + " is not a directory"))
                        .anySatisfy(p -> assertThat(p).startsWith("SIHA_INGEST_TLS_DIR=" + temp.resolve("nor-this")
                                + ": " + temp.resolve("nor-this") + " is not a directory")));
    }
}
