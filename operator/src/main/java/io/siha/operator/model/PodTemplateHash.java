package io.siha.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of what a node pod runs: its spec and the content of the Secrets and ConfigMap it reads. The node reads its
 * environment, apps and certificates once at start, so a change to any of them only takes effect through a new pod;
 * comparing this hash with the one on a pod is how the operator knows the pod must be rolled.
 */
public final class PodTemplateHash {

    // Sorted map keys: the same spec with maps in another order (e.g. nodeSelector as the user wrote it) hashes equal.
    // The Fabric8 model classes carry their own Jackson annotations, so a plain mapper writes them as the API would.
    private static final ObjectMapper CANONICAL_JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static final int HEX_CHARS = 16;

    private PodTemplateHash() {
    }

    public static String of(PodSpec podSpec, Secret dbSecret, ConfigMap apps) {
        return of(podSpec, dbSecret, apps, Map.of());
    }

    /**
     * @param tlsFiles the files mounted from TLS Secrets ({@link ResolvedInputs#tlsFiles()}): a certificate renewed in
     *                 place changes them, and the node reads them at start only
     */
    public static String of(PodSpec podSpec, Secret dbSecret, ConfigMap apps, Map<String, String> tlsFiles) {
        return of(podSpec, dbSecret, apps, tlsFiles, Map.of());
    }

    /**
     * @param podMetadata what a pod is created with besides its spec, from the pod template ({@link
     *                    UserPodParts#hashedMetadata}): its labels and annotations and its ServiceAccount's annotations
     */
    public static String of(PodSpec podSpec, Secret dbSecret, ConfigMap apps, Map<String, String> tlsFiles,
                            Map<String, String> podMetadata) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(CANONICAL_JSON.writeValueAsBytes(withoutReportingOnlyFields(podSpec)));
            digest.update(CANONICAL_JSON.writeValueAsBytes(sorted(dbSecret.getData())));
            digest.update(CANONICAL_JSON.writeValueAsBytes(sorted(apps.getData())));
            // Only when there are any: without TLS the hash stays what earlier operators computed, so upgrading the
            // operator does not roll every running pair.
            if (!tlsFiles.isEmpty()) {
                digest.update(CANONICAL_JSON.writeValueAsBytes(sorted(tlsFiles)));
            }
            // The same for the pod template's metadata.
            if (!podMetadata.isEmpty()) {
                digest.update(CANONICAL_JSON.writeValueAsBytes(sorted(podMetadata)));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the pod template", e);
        }
    }

    /**
     * The pod spec without the fields that only change what the kubelet reports, never what the pod runs: the
     * containers' {@code terminationMessagePolicy}, added after pairs were running. A pod of an earlier operator then
     * keeps its hash and is not rolled for it; it reports a failing container without its log's tail until it is
     * replaced for a reason of its own.
     */
    private static ObjectNode withoutReportingOnlyFields(PodSpec podSpec) {
        ObjectNode tree = CANONICAL_JSON.valueToTree(podSpec);
        for (String containers : List.of("containers", "initContainers")) {
            tree.path(containers).forEach(container -> ((ObjectNode) container).remove("terminationMessagePolicy"));
        }
        return tree;
    }

    private static Map<String, String> sorted(Map<String, String> data) {
        return data == null ? Map.of() : new TreeMap<>(data);
    }
}
