package io.siha.node.engine;

import io.siddhi.core.stream.input.InputHandler;
import io.siddhi.query.api.definition.Attribute;

import java.util.List;

/** Where events of one stream enter a running app, with the stream's attribute names and types. */
public record StreamInput(String app, String stream, List<Attribute> attributes, InputHandler handler) {

    /** Feeds one event; Siddhi processes it synchronously (the apps use no {@code @async}). */
    public void send(long timestamp, Object[] data) {
        try {
            handler.send(timestamp, data);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while feeding " + app + "/" + stream, e);
        }
    }
}
