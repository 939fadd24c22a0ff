package io.siha.node.ingest;

import io.siddhi.query.api.definition.Attribute;
import io.siha.client.ClientEvent;
import io.siha.client.IngestCodec;
import io.siha.node.engine.StreamInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the events of an EVENTS frame against their stream and turns them into events for the pipeline: all of the
 * batch is valid or none of it is taken. Values are judged by the same rule as on HTTP ({@link AttributeValues}); an
 * event's values come in the order of the stream's attributes.
 */
final class BinaryEventDecoder {

    private BinaryEventDecoder() {
    }

    /**
     * @param now the node's clock, for events with timestamp 0
     * @throws BadEventException naming the event and what is wrong with it
     */
    static List<IncomingEvent> decode(List<ClientEvent> events, StreamInput input, long now) {
        if (events.isEmpty()) {
            throw new BadEventException("the batch holds no event");
        }
        if (events.size() > IngestCodec.MAX_EVENTS_PER_FRAME) {
            throw new BadEventException("too many events in one batch: " + events.size() + " > "
                    + IngestCodec.MAX_EVENTS_PER_FRAME);
        }
        List<Attribute> attributes = input.attributes();
        List<IncomingEvent> decoded = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                decoded.add(decode(events.get(i), input, attributes, now));
            } catch (BadEventException e) {
                throw e.inEvent(i);
            }
        }
        return decoded;
    }

    private static IncomingEvent decode(ClientEvent event, StreamInput input, List<Attribute> attributes, long now) {
        String id = event.id() == null ? null : EventIds.check(event.id());
        if (event.timestamp() < 0) {
            throw new BadEventException("timestamp must be epoch milliseconds >= 0 (0: the node's clock), got "
                    + event.timestamp());
        }
        if (event.valueCount() != attributes.size()) {
            throw new BadEventException("stream '" + input.stream() + "' has " + attributes.size() + " attributes "
                    + signature(attributes) + ", got " + event.valueCount() + " values");
        }
        Object[] data = new Object[attributes.size()];
        for (int a = 0; a < data.length; a++) {
            data[a] = AttributeValues.convert(event.value(a), attributes.get(a));
        }
        return new IncomingEvent(input, id, event.timestamp() == 0 ? now : event.timestamp(), data);
    }

    /** {@code (region string, amount long)}: what the client must send, in order. */
    private static String signature(List<Attribute> attributes) {
        StringBuilder s = new StringBuilder("(");
        for (Attribute attribute : attributes) {
            s.append(s.length() > 1 ? ", " : "").append(attribute.getName()).append(' ')
                    .append(attribute.getType().name().toLowerCase());
        }
        return s.append(')').toString();
    }
}
