package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Where the ingest bearer token is: one key of a Secret the user manages, so the token never sits in the spec. */
public class IngestTokenSecretRef extends SecretKeyRef {

    public static final String DEFAULT_KEY = "token";

    @Default(DEFAULT_KEY)
    @Pattern(SchemaConstraints.CONFIG_KEY)
    @JsonPropertyDescription("Key in the Secret whose value is the token (at least 16 characters).")
    private String key = DEFAULT_KEY;

    public IngestTokenSecretRef() {
    }

    public IngestTokenSecretRef(String name, String key) {
        super(name);
        this.key = key;
    }

    @Override
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
