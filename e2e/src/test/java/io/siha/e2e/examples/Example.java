package io.siha.e2e.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.e2e.Manifests;
import io.siha.e2e.RepositoryFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/** One file of examples/: its objects as the model reads them, and its SiHaCluster documents as plain JSON trees. */
record Example(String fileName, String yaml, List<HasMetadata> objects) {

    static final List<String> FILES = List.of(
            "sihacluster-inline.yaml", "sihacluster-configmap.yaml", "sihacluster-eks.yaml", "sihacluster-tls.yaml",
            "sihacluster-extensions.yaml", "sihacluster-monitored.yaml");

    static Example load(String fileName) {
        try {
            String yaml = Files.readString(RepositoryFiles.examples().resolve(fileName));
            return new Example(fileName, yaml, Manifests.objects(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each example holds exactly one SiHaCluster. */
    SiHaCluster cluster() {
        List<SiHaCluster> clusters = objects.stream().filter(SiHaCluster.class::isInstance)
                .map(SiHaCluster.class::cast).toList();
        if (clusters.size() != 1) {
            throw new AssertionError(fileName + " holds " + clusters.size() + " SiHaClusters, expected one");
        }
        return clusters.get(0);
    }

    /** The SiHaCluster as written, before any model class could drop or default a field. */
    JsonNode clusterTree() {
        return Manifests.documents(yaml).stream()
                .map(document -> Manifests.SERIALIZATION.unmarshal(document, JsonNode.class))
                .filter(tree -> "SiHaCluster".equals(tree.path("kind").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(fileName + " holds no SiHaCluster"));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    List<ConfigMap> configMaps() {
        return objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).toList();
    }

    /** Objects of kinds Fabric8 has no model for (cert-manager's), with {@code kind}. */
    List<GenericKubernetesResource> generic(String kind) {
        return objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).filter(object -> object.getKind().equals(kind)).toList();
    }

    List<Secret> secrets() {
        return objects.stream().filter(Secret.class::isInstance).map(Secret.class::cast).toList();
    }

    @Override
    public String toString() {
        return fileName;
    }
}
