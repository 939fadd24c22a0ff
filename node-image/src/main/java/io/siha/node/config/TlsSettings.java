package io.siha.node.config;

import io.siha.api.NodeEnv;
import io.siha.node.tls.InvalidTlsMaterialException;
import io.siha.node.tls.TlsDirectory;
import io.siha.node.tls.TlsMaterial;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The TLS material of the node's channels, read and checked at start. {@link #toString()} names directories and
 * certificates, never a key.
 *
 * @param sync   mutual TLS of the event sync ({@link NodeEnv#SYNC_TLS_DIR}); empty: plain TCP
 * @param ingest TLS of the ingest ports ({@link NodeEnv#INGEST_TLS_DIR}); empty: plain
 */
public record TlsSettings(Optional<TlsMaterial> sync, Optional<TlsMaterial> ingest) {

    static TlsSettings read(EnvReader in) {
        // The sync peer's certificate is verified against ca.crt; ingest clients present none, so ca.crt is not needed.
        return new TlsSettings(directory(in, NodeEnv.SYNC_TLS_DIR, TlsDirectory::withCa),
                directory(in, NodeEnv.INGEST_TLS_DIR, TlsDirectory::withoutCa));
    }

    /** Reads the directory the variable names, or records a problem naming the variable and the file. */
    private static Optional<TlsMaterial> directory(EnvReader in, String variable, Function<Path, TlsMaterial> reader) {
        Optional<String> directory = in.optional(variable);
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(Path.of(directory.get())));
        } catch (InvalidTlsMaterialException e) {
            in.problem(variable + "=" + directory.get() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "TlsSettings[sync=" + sync.map(TlsMaterial::toString).orElse("off") + ", ingest="
                + ingest.map(TlsMaterial::toString).orElse("off") + "]";
    }
}
