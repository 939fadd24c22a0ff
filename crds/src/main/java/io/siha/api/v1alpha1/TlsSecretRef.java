package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A kubernetes.io/tls Secret the user (usually cert-manager, as a Certificate's {@code spec.secretName}) manages in the
 * SiHaCluster's namespace. The operator mounts it read-only into both pods; the keys are cert-manager's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSecretRef {

    @Required
    @Pattern(SchemaConstraints.DNS_SUBDOMAIN)
    @Size(max = SchemaConstraints.DNS_SUBDOMAIN_MAX_LENGTH)
    @JsonPropertyDescription("Name of the Secret, in the SiHaCluster's namespace: a cert-manager Certificate's"
            + " spec.secretName.")
    private String secretName;

    public TlsSecretRef() {
    }

    public TlsSecretRef(String secretName) {
        this.secretName = secretName;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }
}
