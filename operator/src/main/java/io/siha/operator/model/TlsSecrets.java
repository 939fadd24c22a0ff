package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Secret;

import java.util.Objects;
import java.util.Optional;

/** The kubernetes.io/tls Secrets the spec's {@code tls} names, as looked up: empty when not named or not found. */
public record TlsSecrets(Optional<Secret> sync, Optional<Secret> ingest) {

    public TlsSecrets {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(ingest, "ingest");
    }

    public static TlsSecrets none() {
        return new TlsSecrets(Optional.empty(), Optional.empty());
    }

    Optional<Secret> of(TlsChannel channel) {
        return channel == TlsChannel.SYNC ? sync : ingest;
    }
}
