package io.siha.node.ingest;

import java.util.Locale;

/**
 * Which way events came into the node, for the {@code source} label of {@code siha_events_in_total}: one of the two
 * ingest ports, or an app's own {@code @source} of a type.
 *
 * @param label {@code ingest_http}, {@code ingest_binary}, or {@code source_} and the source's type, e.g. {@code source_http}
 */
public record InputSource(String label) {

    public static final InputSource HTTP_PORT = new InputSource("ingest_http");
    public static final InputSource BINARY_PORT = new InputSource("ingest_binary");

    /** Whether an app's own {@code @source} delivered the events, not an ingest port. */
    public boolean isAppSource() {
        return label.startsWith("source_");
    }

    /** An app's {@code @source(type='...')}. */
    public static InputSource appSource(String type) {
        return new InputSource("source_" + (type == null ? "unknown" : type.toLowerCase(Locale.ROOT)));
    }
}
