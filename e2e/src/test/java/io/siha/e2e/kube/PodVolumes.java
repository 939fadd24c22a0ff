package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pod's volumes as directories on this machine, and where each of the container's mount paths lands. A process
 * here sees the host's file system, not a container's, so a path in the container (such as the apps directory in the
 * node's environment) must be translated with {@link #hostPath(String)}.
 *
 * <p>Supports what the operator's pods use: a ConfigMap volume (each key a file, written when the container starts,
 * as the kubelet does before starting it) and an emptyDir. Any other volume kind fails the pod's start loudly.
 */
final class PodVolumes {

    private final Map<Path, Path> mounts = new LinkedHashMap<>();
    private final Path root;

    private PodVolumes(Path root) {
        this.root = root;
    }

    static PodVolumes materialize(KubernetesClient client, Pod pod, Container container, Path podDirectory) {
        PodVolumes volumes = new PodVolumes(podDirectory.resolve("volumes"));
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("pod " + pod.getMetadata().getName()
                            + " mounts undeclared volume " + mount.getName()));
            Path directory = volumes.root.resolve(volume.getName());
            volumes.fill(client, pod, volume, directory);
            volumes.mounts.put(Path.of(mount.getMountPath()), directory);
        }
        return volumes;
    }

    private void fill(KubernetesClient client, Pod pod, Volume volume, Path directory) {
        try {
            if (volume.getEmptyDir() != null) {
                Files.createDirectories(directory);
            } else if (volume.getConfigMap() != null) {
                String name = volume.getConfigMap().getName();
                ConfigMap configMap = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
                        .withName(name).get();
                if (configMap == null) {
                    throw new IllegalStateException("ConfigMap " + name + " of pod " + pod.getMetadata().getName()
                            + " does not exist (the kubelet would keep the pod in ContainerCreating)");
                }
                replaceDirectory(directory);
                if (configMap.getData() != null) {
                    for (var entry : configMap.getData().entrySet()) {
                        Files.writeString(directory.resolve(entry.getKey()), entry.getValue());
                    }
                }
            } else {
                throw new IllegalStateException("volume " + volume.getName() + " of pod "
                        + pod.getMetadata().getName() + ": only configMap and emptyDir volumes are emulated");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replaceDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
    }

    /** Where {@code containerPath} is on this machine: under its mount's directory, or unchanged outside any mount. */
    String hostPath(String containerPath) {
        Path path = Path.of(containerPath);
        return mounts.entrySet().stream()
                .filter(mount -> path.startsWith(mount.getKey()))
                .max(Comparator.comparingInt(mount -> mount.getKey().getNameCount()))
                .map(mount -> mount.getValue().resolve(mount.getKey().relativize(path)).toString())
                .orElse(containerPath);
    }
}
