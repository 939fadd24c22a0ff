package io.siha.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event as a client sends it: an optional id, a timestamp and the attribute values in the order of the stream's
 * definition ({@code define stream Orders (region string, amount long)} takes {@code "eu", 3L}).
 *
 * <p>The id has the same meaning as {@code $id} on HTTP: the node does not process a repeat of an id it has seen, so
 * a batch retried after a failover counts once. {@link SiHaClient} gives an event without one a generated id before
 * the first attempt. The timestamp is epoch milliseconds; 0 means the node's clock at arrival.
 *
 * <p>Values may be {@code String}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code Boolean} or
 * null; the node converts them to the attribute's type when nothing is lost (an {@code Integer} for a {@code long}
 * attribute, a {@code Long} within 32 bits for an {@code int}) and refuses the batch otherwise. The values array is
 * kept, not copied: do not change it after handing it over.
 */
public final class ClientEvent {

    private final String id;
    private final long timestamp;
    private final Object[] values;

    /** An event at the node's clock; {@code id} may be null (a unique one is generated when sent). */
    public static ClientEvent of(String id, Object... values) {
        return new ClientEvent(id, 0, values);
    }

    /**
     * @throws IllegalArgumentException naming the problem: an empty or overlong id, a negative timestamp, too many
     *                                  values or a value of a type the protocol does not carry
     */
    public ClientEvent(String id, long timestamp, Object... values) {
        this(id, timestamp, values, true);
    }

    private ClientEvent(String id, long timestamp, Object[] values, boolean check) {
        this.id = id;
        this.timestamp = timestamp;
        this.values = Objects.requireNonNull(values, "values");
        if (check) {
            check();
        }
    }

    /**
     * An event as read off the wire, not checked against the client-side rules: the node checks it against the
     * stream and answers a NACK that names the problem, rather than the decoder closing the connection.
     */
    static ClientEvent unchecked(String id, long timestamp, Object[] values) {
        return new ClientEvent(id, timestamp, values, false);
    }

    private void check() {
        if (id != null && (id.isEmpty() || id.length() > IngestCodec.MAX_ID_CHARS
                || Strings.utf8Length(id) > IngestCodec.MAX_ID_BYTES || !IngestCodec.isWellFormed(id))) {
            throw new IllegalArgumentException("event id must have 1 to " + IngestCodec.MAX_ID_CHARS
                    + " characters, at most " + IngestCodec.MAX_ID_BYTES + " UTF-8 bytes and no unpaired surrogate "
                    + "(null for a generated one), got " + id.length() + " characters");
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be epoch milliseconds >= 0 (0: the node's clock), got "
                    + timestamp);
        }
        if (values.length > IngestCodec.MAX_VALUES) {
            throw new IllegalArgumentException("an event carries at most " + IngestCodec.MAX_VALUES + " values, got "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (ValueTag.of(values[i]) == null) {
                throw new IllegalArgumentException("value " + i + " is a " + values[i].getClass().getName()
                        + ": send String, Integer, Long, Float, Double, Boolean or null");
            }
            if (values[i] instanceof String s && !IngestCodec.isWellFormed(s)) {
                throw new IllegalArgumentException("value " + i + " has an unpaired surrogate, which UTF-8 cannot "
                        + "carry");
            }
        }
    }

    /** The same event with {@code newId}; for giving an event without an id a generated one. */
    ClientEvent withId(String newId) {
        return new ClientEvent(newId, timestamp, values, false);
    }

    /** The client's event id, or null. */
    public String id() {
        return id;
    }

    /** Epoch milliseconds, or 0 for the node's clock. */
    public long timestamp() {
        return timestamp;
    }

    public int valueCount() {
        return values.length;
    }

    /** The {@code index}-th attribute value. */
    public Object value(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientEvent e && timestamp == e.timestamp && Objects.equals(id, e.id)
                && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, timestamp) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ClientEvent[id=" + id + ", timestamp=" + timestamp + ", values=" + Arrays.toString(values) + "]";
    }
}
