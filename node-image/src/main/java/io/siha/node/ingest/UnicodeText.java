package io.siha.node.ingest;

import io.siha.client.IngestCodec;

/**
 * Whether a string is text that UTF-8 can carry. JSON can smuggle an unpaired UTF-16 surrogate into a string, as a
 * {@code \ud800} escape or as the bytes ED A0 80 that the parser lets through; the event sync encodes strings as
 * UTF-8, which turns such a character into '?', so the passive would hold another value than the active processed.
 */
final class UnicodeText {

    private UnicodeText() {
    }

    static boolean isWellFormed(String text) {
        return IngestCodec.isWellFormed(text); // the binary ingest format's rule: one definition of it
    }
}
