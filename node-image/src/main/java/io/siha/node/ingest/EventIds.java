package io.siha.node.ingest;

import io.siha.client.IngestCodec;

import java.nio.charset.StandardCharsets;

/**
 * The rule for a client's event id, on every ingest port: 1 to {@value IngestCodec#MAX_ID_CHARS} characters and at
 * most {@value #MAX_ID_BYTES} UTF-8 bytes, valid text.
 */
final class EventIds {

    /**
     * The event sync carries an id as a name of at most 255 UTF-8 bytes; the active processes an event before it
     * journals it, so an id the journal refused would leave the event processed and its sequence number missing.
     */
    static final int MAX_ID_BYTES = IngestCodec.MAX_ID_BYTES;

    private EventIds() {
    }

    /** Returns {@code id} if it is a valid event id; throws naming the rule otherwise (null counts as invalid). */
    static String check(String id) {
        if (id == null || id.isEmpty() || id.length() > IngestCodec.MAX_ID_CHARS || !UnicodeText.isWellFormed(id)
                || id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new BadEventException(EventJsonDecoder.ID + " must be a string of 1 to "
                    + IngestCodec.MAX_ID_CHARS + " characters and at most " + MAX_ID_BYTES + " UTF-8 bytes");
        }
        return id;
    }
}
