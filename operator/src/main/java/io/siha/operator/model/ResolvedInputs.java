package io.siha.operator.model;

import java.util.SortedMap;

/**
 * What the spec refers to, read and checked: the database password (base64, as stored in the user's Secret, copied
 * without decoding) and the Siddhi apps as file name ({@code NAME.siddhi}) to text.
 */
public record ResolvedInputs(String passwordBase64, SortedMap<String, String> apps) {
}
