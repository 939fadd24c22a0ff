package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.siha.api.SiHaDefaults;

import java.util.List;

/**
 * The ports on which the active node accepts events (the passive keeps them closed; the Service exposes both), who may
 * reach them, and the token they ask for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngestSpec {

    @Default("" + SiHaDefaults.HTTP_INGEST_PORT)
    @Min(SchemaConstraints.PORT_MIN)
    @Max(SchemaConstraints.PORT_MAX)
    @JsonPropertyDescription("TCP port of the HTTP ingest endpoint (JSON events).")
    private int httpPort = SiHaDefaults.HTTP_INGEST_PORT;

    @Default("" + SiHaDefaults.BINARY_INGEST_PORT)
    @Min(SchemaConstraints.PORT_MIN)
    @Max(SchemaConstraints.PORT_MAX)
    @JsonPropertyDescription("TCP port of the binary ingest endpoint.")
    private int binaryPort = SiHaDefaults.BINARY_INGEST_PORT;

    @JsonPropertyDescription("The Secret key holding a bearer token the HTTP ingest port then requires"
            + " (Authorization: Bearer <token>). Unset: no authentication. The REST port (health, status, metrics)"
            + " never asks for it. A changed token rolls the pair.")
    private IngestTokenSecretRef authTokenSecretRef;

    // An empty list is refused rather than read as "from nowhere": in a NetworkPolicy rule an empty "from" means
    // "from everywhere", the opposite of what a user writing [] would mean.
    @Size(min = 1)
    @JsonPropertyDescription("Who may reach the ingest ports, as NetworkPolicy peers (podSelector, namespaceSelector,"
            + " ipBlock); they are put into the pair's NetworkPolicy. Unset: from anywhere.")
    private List<NetworkPolicyPeer> allowedFrom;

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public int getBinaryPort() {
        return binaryPort;
    }

    public void setBinaryPort(int binaryPort) {
        this.binaryPort = binaryPort;
    }

    /** Null when ingest is not authenticated. */
    public IngestTokenSecretRef getAuthTokenSecretRef() {
        return authTokenSecretRef;
    }

    public void setAuthTokenSecretRef(IngestTokenSecretRef authTokenSecretRef) {
        this.authTokenSecretRef = authTokenSecretRef;
    }

    /** Null when the ingest ports are open to anyone. */
    public List<NetworkPolicyPeer> getAllowedFrom() {
        return allowedFrom;
    }

    public void setAllowedFrom(List<NetworkPolicyPeer> allowedFrom) {
        this.allowedFrom = allowedFrom;
    }
}
