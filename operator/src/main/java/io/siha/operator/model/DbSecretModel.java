package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.siha.api.v1alpha1.DatabaseSpec;
import io.siha.api.v1alpha1.SiHaCluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secret NAME-db: everything a node needs to reach the databases, plus the sync secret both nodes prove to each other
 * and, when ingest is authenticated, the ingest token. The pods read each key through a {@code secretKeyRef}, so no
 * secret appears in a pod spec; and since the pod template hash covers this Secret's data, a rotated password or token
 * rolls the pair (the node reads them once, at start).
 */
public final class DbSecretModel {

    public static final String CLUSTER_DB_URL_KEY = "cluster-db-url";
    public static final String PERSISTENCE_DB_URL_KEY = "persistence-db-url";
    public static final String USER_KEY = "db-user";
    public static final String PASSWORD_KEY = "db-password";
    public static final String SYNC_SECRET_KEY = "sync-secret";
    public static final String INGEST_TOKEN_KEY = "ingest-token";

    private DbSecretModel() {
    }

    /**
     * @param passwordBase64   the password as stored in the user's Secret (base64), copied as is
     * @param syncSecretBase64 the sync secret to keep (from the existing Secret) or a newly generated one
     * @param ingestTokenBase64 the ingest token as stored in the user's Secret; empty: ingest is not authenticated
     */
    public static Secret build(SiHaCluster cluster, String passwordBase64, String syncSecretBase64,
                               Optional<String> ingestTokenBase64) {
        DatabaseSpec db = cluster.getSpec().getDatabase();
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CLUSTER_DB_URL_KEY, base64(db.getClusterJdbcUrl()));
        data.put(PERSISTENCE_DB_URL_KEY, base64(db.effectivePersistenceJdbcUrl()));
        data.put(USER_KEY, base64(db.getUser()));
        data.put(PASSWORD_KEY, passwordBase64);
        data.put(SYNC_SECRET_KEY, syncSecretBase64);
        ingestTokenBase64.ifPresent(token -> data.put(INGEST_TOKEN_KEY, token));
        return new SecretBuilder()
                .withMetadata(OwnedMetadata.forObject(cluster, ClusterNames.of(cluster).dbSecret()))
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** The sync secret an existing NAME-db Secret holds: kept across reconciles so running nodes keep trusting each other. */
    public static Optional<String> existingSyncSecret(Optional<Secret> existing) {
        return existing.map(Secret::getData).map(data -> data.get(SYNC_SECRET_KEY)).filter(s -> !s.isEmpty());
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
