package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * One key of a Secret the user manages, in the SiHaCluster's namespace, so a secret value never sits in the spec. Each
 * subclass adds the {@code key} field with the default that fits what it points at.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class SecretKeyRef {

    @Required
    @Pattern(SchemaConstraints.DNS_SUBDOMAIN)
    @Size(max = SchemaConstraints.DNS_SUBDOMAIN_MAX_LENGTH)
    @JsonPropertyDescription("Name of the Secret, in the SiHaCluster's namespace.")
    private String name;

    protected SecretKeyRef() {
    }

    protected SecretKeyRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public abstract String getKey();
}
