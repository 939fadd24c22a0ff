package io.siha.node.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siddhi.query.api.definition.Attribute;
import io.siha.node.engine.StreamInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON body into events of one stream, checking all of it before anything is processed: either the
 * whole batch is valid or none of it is taken. An event is an object whose keys are the stream's attribute
 * names, plus optionally {@value #ID} (the client's event id, for retries) and {@value #TIMESTAMP} (epoch
 * millis). {@code $} cannot start a Siddhi attribute name, so these keys never clash with one.
 */
public final class EventJsonDecoder {

    public static final String ID = "$id";
    public static final String TIMESTAMP = "$timestamp";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxEventsPerRequest;

    public EventJsonDecoder(int maxEventsPerRequest) {
        this.maxEventsPerRequest = maxEventsPerRequest;
    }

    public List<IncomingEvent> decode(byte[] body, StreamInput input, long now) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadEventException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadEventException("body cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadEventException("body is empty: expected a JSON object or an array of objects");
        }
        List<IncomingEvent> events = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new BadEventException("the array holds no event");
            }
            if (root.size() > maxEventsPerRequest) {
                throw new BadEventException("too many events in one request: " + root.size() + " > "
                        + maxEventsPerRequest);
            }
            for (int i = 0; i < root.size(); i++) {
                try {
                    events.add(event(root.get(i), input, now));
                } catch (BadEventException e) {
                    throw e.inEvent(i);
                }
            }
        } else {
            events.add(event(root, input, now));
        }
        return events;
    }

    private static IncomingEvent event(JsonNode node, StreamInput input, long now) {
        if (!node.isObject()) {
            throw new BadEventException("expected a JSON object of attributes, got " + node.getNodeType());
        }
        List<Attribute> attributes = input.attributes();
        Object[] data = new Object[attributes.size()];
        boolean[] present = new boolean[attributes.size()];
        String id = null;
        long timestamp = now;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (ID.equals(key)) {
                id = eventId(value);
            } else if (TIMESTAMP.equals(key)) {
                if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
                    throw new BadEventException(TIMESTAMP + " must be a non-negative whole number of "
                            + "milliseconds");
                }
                timestamp = value.asLong();
            } else {
                int index = indexOf(attributes, key);
                if (index < 0) {
                    throw new BadEventException("unknown attribute '" + key + "' for stream '"
                            + input.stream() + "' (its attributes: " + names(attributes) + ")");
                }
                data[index] = AttributeValues.convert(plainValue(value), attributes.get(index));
                present[index] = true;
            }
        }
        for (int i = 0; i < present.length; i++) {
            if (!present[i]) {
                throw new BadEventException("missing attribute '" + attributes.get(i).getName() + "' ("
                        + attributes.get(i).getType().name().toLowerCase() + ")");
            }
        }
        return new IncomingEvent(input, id, timestamp, data);
    }

    private static String eventId(JsonNode value) {
        return EventIds.check(value.isTextual() ? value.asText() : null);
    }

    /** The JSON value as the Java value {@link AttributeValues} judges; an object or array stays as it is. */
    private static Object plainValue(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.numberValue(); // Integer, Long or BigInteger for whole numbers; Double for fractions
        }
        return value; // no attribute takes it; its JSON text names it in the error
    }

    private static int indexOf(List<Attribute> attributes, String name) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> names(List<Attribute> attributes) {
        return attributes.stream().map(Attribute::getName).toList();
    }
}
