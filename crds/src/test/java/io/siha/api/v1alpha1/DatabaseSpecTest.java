package io.siha.api.v1alpha1;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSpecTest {

    private static final String CLUSTER_DB = "jdbc:postgresql://postgres/siha";

    @Test
    void persistenceUsesTheClusterDatabaseWhenUnset() {
        DatabaseSpec database = new DatabaseSpec();
        database.setClusterJdbcUrl(CLUSTER_DB);

        assertThat(database.effectivePersistenceJdbcUrl()).isEqualTo(CLUSTER_DB);
    }

    @Test
    void persistenceUsesItsOwnDatabaseWhenSet() {
        DatabaseSpec database = new DatabaseSpec();
        database.setClusterJdbcUrl(CLUSTER_DB);
        database.setPersistenceJdbcUrl("jdbc:postgresql://postgres/state");

        assertThat(database.effectivePersistenceJdbcUrl()).isEqualTo("jdbc:postgresql://postgres/state");
    }

    /** A field of the JSON would make Jackson write it and the CRD generator put it in the schema. */
    @Test
    void effectiveUrlIsNotAField() {
        DatabaseSpec database = new DatabaseSpec();
        database.setClusterJdbcUrl(CLUSTER_DB);

        assertThat(JsonTrees.of(database).fieldNames()).toIterable().containsExactly("clusterJdbcUrl");
    }
}
