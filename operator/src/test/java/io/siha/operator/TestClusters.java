package io.siha.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.siha.api.v1alpha1.AppsSpec;
import io.siha.api.v1alpha1.DatabaseSpec;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.PasswordSecretRef;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** SiHaClusters and the user's objects they refer to, as tests need them. */
public final class TestClusters {

    public static final String NAMESPACE = "test";
    public static final String PASSWORD_SECRET = "pg-password";
    public static final String PASSWORD = "s3cret";
    public static final String APP = "@App:name('Counter')\ndefine stream In (v long);";

    private TestClusters() {
    }

    /** A valid cluster with one inline app and defaults everywhere else, as the API server would have defaulted it. */
    public static SiHaCluster cluster(String name) {
        SiHaCluster cluster = new SiHaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        SiHaClusterSpec spec = new SiHaClusterSpec();
        spec.setImage("registry.example.com/si-ha-node:0.1.0");
        AppsSpec apps = new AppsSpec();
        apps.setInline(new ArrayList<>(List.of(new InlineSiddhiApp("counter", APP))));
        spec.setApps(apps);
        DatabaseSpec db = new DatabaseSpec();
        db.setClusterJdbcUrl("jdbc:postgresql://postgres:5432/siha");
        db.setUser("siha");
        db.setPasswordSecretRef(new PasswordSecretRef(PASSWORD_SECRET, PasswordSecretRef.DEFAULT_KEY));
        spec.setDatabase(db);
        cluster.setSpec(spec);
        return cluster;
    }

    /** The same cluster with the uid an API server would have given it, for model tests (owner references). */
    public static SiHaCluster persisted(String name) {
        SiHaCluster cluster = cluster(name);
        cluster.getMetadata().setUid("uid-" + name);
        cluster.getMetadata().setGeneration(1L);
        return cluster;
    }

    public static Secret passwordSecret(String password) {
        return secret(PASSWORD_SECRET, PasswordSecretRef.DEFAULT_KEY, password);
    }

    /**
     * A cluster created under an earlier operator's CRD, which stored its defaults then: the passive's queue bound of
     * 100,000 events (1,000,000 since). Such a pair must keep its pods and template hash after an upgrade.
     */
    public static SiHaCluster persistedByAnEarlierOperator(String name) {
        SiHaCluster cluster = persisted(name);
        cluster.getSpec().getSync().setQueueCapacity(100_000);
        return cluster;
    }

    /** A Secret {@code name} holding {@code value} under {@code key}, e.g. an ingest token. */
    public static Secret secret(String name, String key, String value) {
        return new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withData(Map.of(key, base64(value)))
                .build();
    }

    /**
     * A kubernetes.io/tls Secret as cert-manager writes it, with stand-in PEM text (the operator only mounts the files
     * and hashes them; reading them is the node's job); {@code version} makes a renewal's content differ.
     */
    public static Secret tlsSecret(String name, String version) {
        return new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withType("kubernetes.io/tls")
                .withData(Map.of(
                        "tls.crt", base64("-----BEGIN CERTIFICATE-----\n" + name + " " + version + "\n"),
                        "tls.key", base64("-----BEGIN RSA PRIVATE KEY-----\n" + name + " " + version + "\n"),
                        "ca.crt", base64("-----BEGIN CERTIFICATE-----\nca\n")))
                .build();
    }

    public static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
