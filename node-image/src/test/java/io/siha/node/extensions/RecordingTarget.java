package io.siha.node.extensions;

import io.siha.node.ingest.InputSource;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.ingest.IngestTarget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A term for the apps' sources without the HA machinery: it records every event the node's source handler hands it
 * (already checked against the stream's types by the handler), counts a repeated event id once, as the active's
 * pipeline does, and feeds the event to its app, so the app's own queries count it too. While {@link #refuse} is set it
 * refuses every event, as a term that ended does.
 */
final class RecordingTarget implements IngestTarget {

    /** One event as the pair took it. */
    record Taken(String app, String stream, String eventId, List<Object> values) {
    }

    private final SiddhiEngine engine;
    private final List<Taken> taken = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private volatile String refusal;

    /** @param engine answers {@link #input} and {@link #query}; the sources' path needs neither (null: none) */
    RecordingTarget(SiddhiEngine engine) {
        this.engine = engine;
    }

    @Override
    public StreamInput input(String app, String stream) {
        return engine.input(app, stream);
    }

    @Override
    public List<Object[]> query(String app, String storeQuery) {
        return engine.query(app, storeQuery);
    }

    @Override
    public synchronized CompletableFuture<Void> submit(InputSource source, List<IncomingEvent> events) {
        if (refusal != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(refusal));
        }
        for (IncomingEvent event : events) {
            if (event.eventId() != null && !ids.add(event.eventId())) {
                continue;
            }
            taken.add(new Taken(event.input().app(), event.input().stream(), event.eventId(),
                    Collections.unmodifiableList(Arrays.asList(event.data()))));
            event.input().send(event.timestamp(), event.data());
        }
        return CompletableFuture.completedFuture(null);
    }

    /** From now on every event is refused with {@code message} (null: taken again). */
    void refuse(String message) {
        refusal = message;
    }

    synchronized List<Taken> taken() {
        return List.copyOf(taken);
    }

    /** The values of the events taken for {@code stream}, in the order taken. */
    synchronized List<List<Object>> values(String stream) {
        return taken.stream().filter(t -> t.stream().equals(stream)).map(Taken::values).toList();
    }
}
