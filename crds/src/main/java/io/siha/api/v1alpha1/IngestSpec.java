package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.siha.api.SiHaDefaults;

/** The ports on which the active node accepts events; the passive keeps them closed. The Service exposes both. */
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
}
