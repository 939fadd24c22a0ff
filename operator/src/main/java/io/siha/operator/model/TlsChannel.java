package io.siha.operator.model;

import io.siha.api.NodeEnv;
import io.siha.api.TlsFiles;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.api.v1alpha1.TlsSecretRef;
import io.siha.api.v1alpha1.TlsSpec;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The node's channels that can run over TLS, each from its own kubernetes.io/tls Secret: where the operator mounts it,
 * which keys it mounts (the files the node reads) and the variable that tells the node the directory.
 */
public enum TlsChannel {

    /** Mutual TLS between the pair: the CA is needed to verify the peer. */
    SYNC("sync", NodeEnv.SYNC_TLS_DIR, List.of(TlsFiles.CERTIFICATE, TlsFiles.PRIVATE_KEY, TlsFiles.CA),
            TlsSpec::getSync),
    /** Server-only TLS: clients present no certificate, so ca.crt is neither needed nor mounted. */
    INGEST("ingest", NodeEnv.INGEST_TLS_DIR, List.of(TlsFiles.CERTIFICATE, TlsFiles.PRIVATE_KEY),
            TlsSpec::getIngest);

    private static final String MOUNT_ROOT = "/etc/siha/tls/";

    private final String name;
    private final String envName;
    private final List<String> files;
    private final Function<TlsSpec, TlsSecretRef> ref;

    TlsChannel(String name, String envName, List<String> files, Function<TlsSpec, TlsSecretRef> ref) {
        this.name = name;
        this.envName = envName;
        this.files = files;
        this.ref = ref;
    }

    /** The Secret the spec names for this channel; empty when the channel is plain. */
    public Optional<String> secretName(SiHaClusterSpec spec) {
        return Optional.ofNullable(spec.getTls()).map(ref).map(TlsSecretRef::getSecretName);
    }

    /** Whether the spec turns TLS on for this channel (even with a blank name, which the resolver reports). */
    boolean configured(SiHaClusterSpec spec) {
        return spec.getTls() != null && ref.apply(spec.getTls()) != null;
    }

    /** The spec field of the Secret's name, for problems. */
    String field() {
        return "spec.tls." + name + ".secretName";
    }

    String volumeName() {
        return "tls-" + name;
    }

    /** Fixed, so the node's variable never depends on the Secret's name. */
    public String mountPath() {
        return MOUNT_ROOT + name;
    }

    public String envName() {
        return envName;
    }

    /** The Secret's keys that are mounted, as files of the same names: exactly those the node reads. */
    public List<String> files() {
        return files;
    }

    /** Key of one mounted file in the resolved inputs, e.g. {@code sync/tls.crt}. */
    String fileKey(String file) {
        return name + "/" + file;
    }
}
