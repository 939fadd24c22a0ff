package io.siha.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Optional TLS, each channel on its own: the event sync between the pair (mutual) and the ingest ports. A renewed
 * certificate rolls the pair like any other change of what the nodes read at start (passive first, then a planned
 * switchover), so no acknowledged event is lost to a renewal.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

    @JsonPropertyDescription("Mutual TLS on the event sync port. The Secret needs tls.crt, tls.key and ca.crt (a"
            + " cert-manager CA or self-signed Issuer writes ca.crt); each node presents tls.crt and accepts only a"
            + " peer whose certificate ca.crt signed. No host name is checked (peers connect by pod IP), so use a CA of"
            + " this pair alone. The sync handshake over the pair's shared secret still runs inside TLS. Unset: plain"
            + " TCP.")
    private TlsSecretRef sync;

    @JsonPropertyDescription("TLS on the ingest ports: HTTPS only on the HTTP ingest port. The Secret needs tls.crt and"
            + " tls.key (ca.crt is not used: clients present no certificate). The REST port stays plain HTTP for the"
            + " kubelet's probes. Unset: plain.")
    private TlsSecretRef ingest;

    public TlsSpec() {
    }

    public TlsSpec(TlsSecretRef sync, TlsSecretRef ingest) {
        this.sync = sync;
        this.ingest = ingest;
    }

    /** Null when the sync channel runs over plain TCP. */
    public TlsSecretRef getSync() {
        return sync;
    }

    public void setSync(TlsSecretRef sync) {
        this.sync = sync;
    }

    /** Null when the ingest ports are plain. */
    public TlsSecretRef getIngest() {
        return ingest;
    }

    public void setIngest(TlsSecretRef ingest) {
        this.ingest = ingest;
    }
}
