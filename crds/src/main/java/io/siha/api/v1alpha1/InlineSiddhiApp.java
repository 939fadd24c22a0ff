package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One Siddhi app given inline in the SiHaCluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InlineSiddhiApp {

    // The name becomes a ConfigMap key, NAME.siddhi, so it must be a valid key: at most 253 characters with the suffix.
    @Required
    @Pattern(SchemaConstraints.CONFIG_KEY)
    @Size(min = 1, max = 253 - 7)
    @JsonPropertyDescription("File name of the app without the .siddhi suffix; letters, digits, '-', '_' and '.'.")
    private String name;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("The Siddhi app text (SiddhiQL), as in a .siddhi file.")
    private String siddhi;

    public InlineSiddhiApp() {
    }

    public InlineSiddhiApp(String name, String siddhi) {
        this.name = name;
        this.siddhi = siddhi;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSiddhi() {
        return siddhi;
    }

    public void setSiddhi(String siddhi) {
        this.siddhi = siddhi;
    }
}
