package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The PostgreSQL databases: the cluster database holds membership and the leader lease, the persistence database
 * holds Siddhi state snapshots. One database may serve both. The operator copies all of it, the password included,
 * into the Secret NAME-db that the node pods read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseSpec {

    @Required
    @Pattern(SchemaConstraints.POSTGRESQL_JDBC_URL)
    @JsonPropertyDescription("JDBC URL of the cluster database (members and leader lease), e.g."
            + " jdbc:postgresql://postgres:5432/siha. Its clock is the one the election trusts.")
    private String clusterJdbcUrl;

    @Pattern(SchemaConstraints.POSTGRESQL_JDBC_URL)
    @JsonPropertyDescription("JDBC URL of the persistence database (Siddhi state snapshots). Unset: clusterJdbcUrl.")
    private String persistenceJdbcUrl;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Database user of both databases.")
    private String user;

    @Required
    @JsonPropertyDescription("The key of a Secret in the SiHaCluster's namespace that holds the database password.")
    private PasswordSecretRef passwordSecretRef;

    public String getClusterJdbcUrl() {
        return clusterJdbcUrl;
    }

    public void setClusterJdbcUrl(String clusterJdbcUrl) {
        this.clusterJdbcUrl = clusterJdbcUrl;
    }

    /** As the user wrote it, so null when unset; what the nodes use is {@link #effectivePersistenceJdbcUrl()}. */
    public String getPersistenceJdbcUrl() {
        return persistenceJdbcUrl;
    }

    public void setPersistenceJdbcUrl(String persistenceJdbcUrl) {
        this.persistenceJdbcUrl = persistenceJdbcUrl;
    }

    /**
     * The persistence database URL the nodes use: {@code persistenceJdbcUrl}, or the cluster database when unset.
     * Resolved here at runtime rather than by a schema default because a schema default cannot refer to another field.
     */
    public String effectivePersistenceJdbcUrl() {
        return persistenceJdbcUrl != null ? persistenceJdbcUrl : clusterJdbcUrl;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public PasswordSecretRef getPasswordSecretRef() {
        return passwordSecretRef;
    }

    public void setPasswordSecretRef(PasswordSecretRef passwordSecretRef) {
        this.passwordSecretRef = passwordSecretRef;
    }
}
