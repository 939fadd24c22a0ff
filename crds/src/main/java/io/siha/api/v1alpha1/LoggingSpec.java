package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

import java.util.List;

/**
 * How the nodes log, passed to them as SIHA_LOG_LEVEL and SIHA_LOG_FORMAT. Strings rather than enums: an unknown value
 * must reach the operator's checks as a problem on the field, not fail the whole resource's deserialization.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoggingSpec {

    /** The levels the node takes, as it spells them (its LogSettings); the schema's pattern lists the same. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");
    public static final List<String> FORMATS = List.of("json", "text");
    static final String LEVEL_PATTERN = "^(trace|debug|info|warn|error)$";
    static final String FORMAT_PATTERN = "^(json|text)$";

    @Pattern(LEVEL_PATTERN)
    @JsonPropertyDescription("Log level of the nodes: trace, debug, info, warn or error. Unset: info. A change rolls"
            + " the pair (passive first, then a planned handover), as the node reads it at start.")
    private String level;

    @Pattern(FORMAT_PATTERN)
    @JsonPropertyDescription("Log format of the nodes: json (one JSON object a line, with role and epoch, for log"
            + " collectors) or text (for reading by eye). Unset: json, the node image's default. A change rolls the"
            + " pair.")
    private String format;

    /** Null when the node's default applies. */
    public String getLevel() {
        return level;
    }

    public void setLevel(String level) {
        this.level = level;
    }

    /** Null when the node image's default applies. */
    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }
}
