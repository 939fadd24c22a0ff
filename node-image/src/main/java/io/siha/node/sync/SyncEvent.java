package io.siha.node.sync;

import java.util.Arrays;
import java.util.Objects;

/**
 * One input event as the active replicates it to the passive.
 *
 * <p>The attribute array is not copied: the caller hands it over and must not change it afterwards. Its values are not
 * checked here, once per event on both nodes' hot paths: the ingest decoders admit only the types the protocol carries,
 * the codec makes only those, and encoding refuses anything else, naming its class.
 *
 * @param seq       the active's sequence number, contiguous and increasing from 1
 * @param timestamp the event time in epoch milliseconds, as Siddhi sees it
 * @param app       the Siddhi app the event goes to
 * @param stream    the input stream within that app
 * @param eventId   the client's id for duplicate detection across a failover, or null
 * @param data      attribute values: String, Integer, Long, Float, Double, Boolean or null
 */
public record SyncEvent(long seq, long timestamp, String app, String stream, String eventId, Object[] data) {

    public SyncEvent {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, got " + seq);
        }
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(data, "data");
    }

    // A record compares arrays by identity; events are equal when their values are.
    @Override
    public boolean equals(Object other) {
        return other instanceof SyncEvent e && seq == e.seq && timestamp == e.timestamp && app.equals(e.app)
                && stream.equals(e.stream) && Objects.equals(eventId, e.eventId) && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, timestamp, app, stream, eventId, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "SyncEvent[seq=" + seq + ", timestamp=" + timestamp + ", app=" + app + ", stream=" + stream
                + ", eventId=" + eventId + ", data=" + Arrays.toString(data) + "]";
    }
}
