package io.siha.node.source;

import io.siha.node.ingest.IncomingEvent;
import io.siha.node.ingest.IngestTarget;
import io.siha.node.ingest.InputSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the events of the apps' own {@code @source}s enter the HA pipeline: the active term, while there is one. The
 * runtimes (and so their source handlers) are made before a term exists, while passive, and outlive none: a term
 * attaches itself once its takeover is done and detaches as it ends. Without a term an event is refused, which a
 * source never sees in practice: sources start only after the takeover and stop with the term.
 */
public final class SourceIntake {

    private volatile IngestTarget term;

    /** From now on source events go to {@code target} (a term whose ports are open). */
    public void attach(IngestTarget target) {
        term = target;
    }

    /** Source events are refused again, unless another term attached since. */
    public void detach(IngestTarget target) {
        if (term == target) {
            term = null;
        }
    }

    /**
     * Takes one mapped event of an app's source; the future completes once the pair holds it (as an ingest port's
     * acknowledgement).
     */
    CompletableFuture<Void> submit(InputSource source, IncomingEvent event) {
        IngestTarget target = term;
        if (target == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("this node is not active: source events"
                    + " are taken only by the active node"));
        }
        return target.submit(source, List.of(event));
    }
}
