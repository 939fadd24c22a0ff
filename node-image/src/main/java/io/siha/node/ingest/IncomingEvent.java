package io.siha.node.ingest;

import io.siha.node.engine.StreamInput;

/** A validated event on its way into the active's pipeline. {@code eventId} is the client's, or null. */
public record IncomingEvent(StreamInput input, String eventId, long timestamp, Object[] data) {
}
