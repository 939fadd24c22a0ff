package io.siha.node.ingest;

import io.siha.node.engine.StreamInput;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where the ingest port delivers events: the active term's pipeline. */
public interface IngestTarget {

    /** The input of {@code app}/{@code stream}; throws UnknownStreamException naming what is unknown. */
    StreamInput input(String app, String stream);

    /** Runs a Siddhi on-demand query (e.g. {@code from Totals select *}) against {@code app}; returns the rows. */
    List<Object[]> query(String app, String storeQuery);

    /**
     * Processes a validated batch that came in through {@code source}; completes when it may be acknowledged, fails if
     * the node stops being active.
     */
    CompletableFuture<Void> submit(InputSource source, List<IncomingEvent> events);
}
