package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.siha.api.v1alpha1.AppsSpec;
import io.siha.api.v1alpha1.DatabaseSpec;
import io.siha.api.v1alpha1.HeartbeatSpec;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.PasswordSecretRef;
import io.siha.api.v1alpha1.PersistenceSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.node.demo.Demo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The SiHaCluster a user would apply for the sample Counter app, and the database password Secret it refers to. */
final class SampleClusters {

    /** The user's Secret: not owned by any SiHaCluster, so it must survive their deletion. */
    static final String PASSWORD_SECRET = "postgres-password";
    static final long PERSISTENCE_INTERVAL_MS = 2_000;

    private SampleClusters() {
    }

    static Secret passwordSecret(String namespace, String password) {
        return new SecretBuilder()
                .withNewMetadata().withName(PASSWORD_SECRET).withNamespace(namespace).endMetadata()
                .withData(Map.of(PasswordSecretRef.DEFAULT_KEY,
                        Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /**
     * The Counter app inline, on {@code jdbcUrl}, with the given heartbeat. Every other field has its default
     * written out, as the API server's defaulting would have (the mock server does no defaulting).
     */
    static SiHaCluster counter(String name, String namespace, String jdbcUrl, String dbUser, long heartbeatMs) {
        SiHaClusterSpec spec = new SiHaClusterSpec();
        // Never pulled: the kubelet of these tests runs the node's main class from the test class path.
        spec.setImage("si-ha-node:e2e");
        AppsSpec apps = new AppsSpec();
        apps.setInline(List.of(new InlineSiddhiApp("counter", Demo.SAMPLE_APP)));
        spec.setApps(apps);
        DatabaseSpec db = new DatabaseSpec();
        db.setClusterJdbcUrl(jdbcUrl);
        db.setUser(dbUser);
        db.setPasswordSecretRef(new PasswordSecretRef(PASSWORD_SECRET, PasswordSecretRef.DEFAULT_KEY));
        spec.setDatabase(db);
        HeartbeatSpec heartbeat = new HeartbeatSpec();
        heartbeat.setIntervalMs(heartbeatMs);
        spec.setHeartbeat(heartbeat);
        PersistenceSpec persistence = new PersistenceSpec();
        persistence.setIntervalMs(PERSISTENCE_INTERVAL_MS);
        spec.setPersistence(persistence);

        SiHaCluster cluster = new SiHaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        cluster.setSpec(spec);
        return cluster;
    }
}
