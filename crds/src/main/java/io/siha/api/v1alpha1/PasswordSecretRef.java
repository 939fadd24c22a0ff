package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where the database password is: one key of a Secret the user manages, so the password never sits in the spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PasswordSecretRef {

    public static final String DEFAULT_KEY = "password";

    @Required
    @Pattern(SchemaConstraints.DNS_SUBDOMAIN)
    @Size(max = SchemaConstraints.DNS_SUBDOMAIN_MAX_LENGTH)
    @JsonPropertyDescription("Name of the Secret, in the SiHaCluster's namespace.")
    private String name;

    @Default(DEFAULT_KEY)
    @Pattern(SchemaConstraints.CONFIG_KEY)
    @JsonPropertyDescription("Key in the Secret whose value is the password.")
    private String key = DEFAULT_KEY;

    public PasswordSecretRef() {
    }

    public PasswordSecretRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
