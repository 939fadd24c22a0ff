package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Where the database password is: one key of a Secret the user manages, so the password never sits in the spec. */
public class PasswordSecretRef extends SecretKeyRef {

    public static final String DEFAULT_KEY = "password";

    @Default(DEFAULT_KEY)
    @Pattern(SchemaConstraints.CONFIG_KEY)
    @JsonPropertyDescription("Key in the Secret whose value is the password.")
    private String key = DEFAULT_KEY;

    public PasswordSecretRef() {
    }

    public PasswordSecretRef(String name, String key) {
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
