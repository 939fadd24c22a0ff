package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/**
 * Where the Siddhi apps come from: written inline in the SiHaCluster, or an existing ConfigMap. Exactly one of the two;
 * the schema cannot say "one of" structurally, so a CEL rule does (checked by the API server).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = AppsSpec.EXACTLY_ONE_SOURCE_RULE,
        message = "set exactly one of apps.inline and apps.configMapName")
public class AppsSpec {

    static final String EXACTLY_ONE_SOURCE_RULE = "has(self.inline) != has(self.configMapName)";

    @Size(min = 1)
    @JsonPropertyDescription("Siddhi apps written here. The operator puts them into the ConfigMap NAME-apps.")
    private List<InlineSiddhiApp> inline;

    @Pattern(SchemaConstraints.DNS_SUBDOMAIN)
    @Size(max = SchemaConstraints.DNS_SUBDOMAIN_MAX_LENGTH)
    @JsonPropertyDescription("Name of an existing ConfigMap in the SiHaCluster's namespace; each of its keys ending in"
            + " .siddhi is one Siddhi app.")
    private String configMapName;

    public List<InlineSiddhiApp> getInline() {
        return inline;
    }

    public void setInline(List<InlineSiddhiApp> inline) {
        this.inline = inline;
    }

    public String getConfigMapName() {
        return configMapName;
    }

    public void setConfigMapName(String configMapName) {
        this.configMapName = configMapName;
    }
}
