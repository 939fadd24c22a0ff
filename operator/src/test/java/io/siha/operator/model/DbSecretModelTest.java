package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DbSecretModelTest {

    @Test
    void holdsBothUrlsTheUserThePasswordAndTheSyncSecret() {
        SiHaCluster cluster = TestClusters.persisted("orders");
        Secret secret = DbSecretModel.build(cluster, TestClusters.base64("pw"), "c3luYw==", Optional.empty());

        assertThat(secret.getMetadata().getName()).isEqualTo("orders-db");
        assertThat(secret.getMetadata().getLabels()).containsEntry(SiHaLabels.CLUSTER, "orders");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("uid-orders"));
        assertThat(TestClusters.decode(secret.getData().get(DbSecretModel.CLUSTER_DB_URL_KEY)))
                .isEqualTo("jdbc:postgresql://postgres:5432/siha");
        // No persistence URL in the spec: the nodes use the cluster database for both.
        assertThat(TestClusters.decode(secret.getData().get(DbSecretModel.PERSISTENCE_DB_URL_KEY)))
                .isEqualTo("jdbc:postgresql://postgres:5432/siha");
        assertThat(TestClusters.decode(secret.getData().get(DbSecretModel.USER_KEY))).isEqualTo("siha");
        assertThat(TestClusters.decode(secret.getData().get(DbSecretModel.PASSWORD_KEY))).isEqualTo("pw");
        assertThat(secret.getData().get(DbSecretModel.SYNC_SECRET_KEY)).isEqualTo("c3luYw==");
        assertThat(secret.getData()).doesNotContainKey(DbSecretModel.INGEST_TOKEN_KEY);
    }

    @Test
    void holdsTheIngestTokenWhenIngestIsAuthenticated() {
        Secret secret = DbSecretModel.build(TestClusters.persisted("orders"), "cA==", "cw==", Optional.of("dG9rZW4="));
        assertThat(secret.getData()).containsEntry(DbSecretModel.INGEST_TOKEN_KEY, "dG9rZW4=");
    }

    @Test
    void usesTheSeparatePersistenceDatabaseWhenGiven() {
        SiHaCluster cluster = TestClusters.persisted("orders");
        cluster.getSpec().getDatabase().setPersistenceJdbcUrl("jdbc:postgresql://state:5432/s");
        Secret secret = DbSecretModel.build(cluster, "cA==", "cw==", Optional.empty());
        assertThat(TestClusters.decode(secret.getData().get(DbSecretModel.PERSISTENCE_DB_URL_KEY)))
                .isEqualTo("jdbc:postgresql://state:5432/s");
    }

    @Test
    void keepsTheSyncSecretOfTheExistingSecret() {
        Secret existing = DbSecretModel.build(TestClusters.persisted("orders"), "cA==", "a2VlcA==", Optional.empty());
        assertThat(DbSecretModel.existingSyncSecret(Optional.of(existing))).contains("a2VlcA==");
        assertThat(DbSecretModel.existingSyncSecret(Optional.empty())).isEmpty();
    }

    @Test
    void generatedSyncSecretsAreLongAndDiffer() {
        String a = TestClusters.decode(SyncSecretGenerator.generateBase64());
        String b = TestClusters.decode(SyncSecretGenerator.generateBase64());
        assertThat(a).hasSize(43).isNotEqualTo(b).matches("[A-Za-z0-9_-]+");
    }
}
