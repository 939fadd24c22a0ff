package io.siha.operator.model;

import java.util.Optional;
import java.util.SortedMap;

/**
 * What the spec refers to, read and checked: the database password and the ingest token (base64, as stored in the
 * user's Secrets, copied without decoding; the token empty when ingest is not authenticated) and the Siddhi apps as
 * file name ({@code NAME.siddhi}) to text.
 */
public record ResolvedInputs(String passwordBase64, Optional<String> ingestTokenBase64,
                             SortedMap<String, String> apps) {
}
