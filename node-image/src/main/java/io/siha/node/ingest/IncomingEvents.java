package io.siha.node.ingest;

import io.siddhi.query.api.definition.Attribute;
import io.siha.node.engine.StreamInput;

import java.util.List;

/** Events that did not come through an ingest port, checked by the same rule as those that did. */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    /**
     * An event a {@code @source}'s mapper produced: its values must be those of the stream's attributes, as an ingest
     * port would have made them, because the passive gets exactly these values.
     *
     * @param eventId the id the source gave it (a repeat is counted once), or null
     * @throws BadEventException naming the attribute and what is wrong with its value, or an id too long to replicate
     */
    public static IncomingEvent fromSource(StreamInput input, String eventId, long timestamp, Object[] data) {
        List<Attribute> attributes = input.attributes();
        if (data == null || data.length != attributes.size()) {
            throw new BadEventException("stream '" + input.stream() + "' has " + attributes.size()
                    + " attributes, the source's event " + (data == null ? "none" : data.length));
        }
        Object[] values = new Object[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = AttributeValues.convert(data[i], attributes.get(i));
        }
        return new IncomingEvent(input, eventId == null ? null : EventIds.check(eventId), timestamp, values);
    }
}
