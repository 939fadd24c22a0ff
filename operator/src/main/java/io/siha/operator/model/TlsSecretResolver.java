package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.siha.api.TlsFiles;
import io.siha.api.v1alpha1.SiHaClusterSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Checks the TLS Secrets the spec names before any pod mounts them: a missing Secret or key would otherwise leave a
 * new pod stuck in ContainerCreating, mid-rollout. The certificates themselves are the node's to check (it refuses to
 * start naming the file); here only their presence, and their content is read for the pod template hash, so that a
 * certificate cert-manager renews rolls the pair.
 */
final class TlsSecretResolver {

    private TlsSecretResolver() {
    }

    /** The mounted files' content by {@code CHANNEL/FILE}; problems are added for what is missing. */
    static SortedMap<String, String> resolve(SiHaClusterSpec spec, TlsSecrets secrets, List<SpecProblem> problems) {
        SortedMap<String, String> files = new TreeMap<>();
        for (TlsChannel channel : TlsChannel.values()) {
            if (channel.configured(spec)) {
                resolve(channel, channel.secretName(spec), secrets.of(channel), files, problems);
            }
        }
        return files;
    }

    private static void resolve(TlsChannel channel, Optional<String> name, Optional<Secret> secret,
                                SortedMap<String, String> files, List<SpecProblem> problems) {
        if (name.isEmpty() || name.get().isBlank()) {
            problems.add(new SpecProblem(channel.field(), "is required"));
            return;
        }
        if (secret.isEmpty()) {
            problems.add(new SpecProblem(channel.field(), "Secret " + name.get() + " not found (a cert-manager"
                    + " Certificate writes it once issued)"));
            return;
        }
        Map<String, String> data = secret.get().getData() == null ? Map.of() : secret.get().getData();
        for (String file : channel.files()) {
            String content = data.get(file);
            if (content == null || content.isEmpty()) {
                problems.add(new SpecProblem(channel.field(), "Secret " + name.get() + " has no key " + file
                        + hint(file)));
            } else {
                files.put(channel.fileKey(file), content);
            }
        }
    }

    private static String hint(String file) {
        return file.equals(TlsFiles.CA)
                ? " (the CA the peer's certificate must chain to; cert-manager's CA and self-signed issuers write it)"
                : " (expected a kubernetes.io/tls Secret)";
    }
}
