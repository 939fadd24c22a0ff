package io.siha.operator.model;

import java.util.Optional;
import java.util.SortedMap;

/**
 * What the spec refers to, read and checked: the database password and the ingest token (base64, as stored in the
 * user's Secrets, copied without decoding; the token empty when ingest is not authenticated), the Siddhi apps as
 * file name ({@code NAME.siddhi}) to text, and the files the TLS Secrets put into the pods as
 * {@code CHANNEL/FILE} (e.g. {@code sync/tls.crt}) to base64 content, empty without TLS, and the ports the apps' HTTP
 * sources listen on.
 */
public record ResolvedInputs(String passwordBase64, Optional<String> ingestTokenBase64,
                             SortedMap<String, String> apps, SortedMap<String, String> tlsFiles,
                             SourcePorts sourcePorts) {
}
