package io.siha.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A batch as the body the node's HTTP ingest takes: a JSON array of objects keyed by attribute name, with
 * {@code $id} and, unless the node's clock is wanted, {@code $timestamp}. Used only by the HTTP transport.
 */
final class JsonBatchBody {

    private JsonBatchBody() {
    }

    /**
     * Checks that {@code event} can go as JSON to a stream with attributes {@code names}.
     *
     * @throws IllegalArgumentException naming the problem: names not declared, a count that differs, NaN or infinity
     */
    static void check(String app, String stream, ClientEvent event, List<String> names) {
        if (names == null) {
            throw new IllegalArgumentException("the HTTP transport sends attributes by name: declare the names of "
                    + app + "/" + stream + " with SiHaClient.builder().attributeNames(\"" + app + "\", \"" + stream
                    + "\", ...)");
        }
        if (event.valueCount() != names.size()) {
            throw new IllegalArgumentException(app + "/" + stream + " has the attributes " + names + ", got "
                    + event.valueCount() + " values");
        }
        for (int i = 0; i < event.valueCount(); i++) {
            Object value = event.value(i);
            boolean finite = value instanceof Double d ? Double.isFinite(d)
                    : !(value instanceof Float f) || Float.isFinite(f);
            if (!finite) {
                throw new IllegalArgumentException("attribute '" + names.get(i) + "' is " + value
                        + ", which JSON cannot carry: use the binary transport");
            }
        }
    }

    static byte[] of(Batch batch, List<String> names) {
        StringBuilder json = new StringBuilder(64 * batch.size());
        json.append('[');
        for (int e = 0; e < batch.size(); e++) {
            ClientEvent event = batch.events.get(e);
            json.append(e == 0 ? "{" : ",{");
            string(json, "$id").append(':');
            string(json, event.id());
            if (event.timestamp() != 0) {
                json.append(",\"$timestamp\":").append(event.timestamp());
            }
            for (int i = 0; i < event.valueCount(); i++) {
                json.append(',');
                string(json, names.get(i)).append(':');
                value(json, event.value(i));
            }
            json.append('}');
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder json, Object value) {
        if (value instanceof String s) {
            string(json, s);
        } else {
            json.append(value); // numbers, booleans and null print as JSON does; check() refused NaN and infinity
        }
    }

    private static StringBuilder string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
