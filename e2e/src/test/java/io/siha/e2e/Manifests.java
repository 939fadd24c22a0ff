package io.siha.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.siha.api.v1alpha1.SiHaCluster;

import java.util.Arrays;
import java.util.List;

/** Multi-document YAML (helm's output, the examples) split into documents and parsed into Fabric8's model. */
public final class Manifests {

    public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** The documents that hold an object: comment-only documents (helm emits some) are left out. */
    public static List<String> documents(String yaml) {
        return Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
                .toList();
    }

    /** Each document as its model class; SiHaClusters as {@link SiHaCluster}. */
    public static List<HasMetadata> objects(String yaml) {
        return documents(yaml).stream().map(Manifests::object).toList();
    }

    private static HasMetadata object(String document) {
        HasMetadata generic = (HasMetadata) SERIALIZATION.unmarshal(document);
        return "SiHaCluster".equals(generic.getKind()) ? SERIALIZATION.unmarshal(document, SiHaCluster.class) : generic;
    }
}
