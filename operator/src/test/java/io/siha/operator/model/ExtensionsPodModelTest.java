package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.siha.api.NodeEnv;
import io.siha.api.v1alpha1.ExtensionsSpec;
import io.siha.api.v1alpha1.ImagePullPolicy;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** spec.extensions: an init container copies the image's jars into a volume the node reads them from. */
class ExtensionsPodModelTest {

    private static final String IMAGE = "registry.example.com/orders-extensions:1.0";

    private final SiHaCluster cluster = TestClusters.persisted("orders");

    @Test
    void withoutExtensionsThePodHasNoInitContainerVolumeOrVariableForThem() {
        Pod pod = NodePodModel.build(cluster, 0, "h");

        assertThat(pod.getSpec().getInitContainers()).isEmpty();
        assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).doesNotContain(ExtensionsVolume.VOLUME);
        assertThat(node(pod).getVolumeMounts()).extracting(m -> m.getName()).doesNotContain(ExtensionsVolume.VOLUME);
        assertThat(node(pod).getEnv()).noneMatch(e -> e.getName().equals(NodeEnv.EXTENSIONS_DIR));
    }

    @Test
    void anInitContainerCopiesTheJarsOfTheImagePathIntoAVolumeTheNodeReadsOnly() {
        cluster.getSpec().setExtensions(new ExtensionsSpec(IMAGE));
        Pod pod = NodePodModel.build(cluster, 0, "h");

        Container init = pod.getSpec().getInitContainers().get(0);
        assertThat(pod.getSpec().getInitContainers()).hasSize(1);
        assertThat(init.getName()).isEqualTo("extensions");
        assertThat(init.getImage()).isEqualTo(IMAGE);
        assertThat(init.getImagePullPolicy()).as("Kubernetes' default for the tag").isNull();
        assertThat(init.getCommand()).containsExactly("sh", "-c", ExtensionsVolume.COPY_SCRIPT, "copy-extensions",
                ExtensionsSpec.DEFAULT_PATH, ExtensionsVolume.DIR);
        assertThat(init.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getName()).isEqualTo(ExtensionsVolume.VOLUME);
            assertThat(mount.getMountPath()).isEqualTo(ExtensionsVolume.DIR);
            assertThat(mount.getReadOnly()).isNull();
        });
        assertThat(init.getSecurityContext()).isEqualTo(node(pod).getSecurityContext());
        assertThat(init.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(init.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getName().equals(ExtensionsVolume.VOLUME))
                .singleElement().satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        assertThat(node(pod).getVolumeMounts()).filteredOn(m -> m.getName().equals(ExtensionsVolume.VOLUME))
                .singleElement().satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/opt/siha/extensions");
                    assertThat(mount.getReadOnly()).isTrue();
                });
        assertThat(node(pod).getEnv()).filteredOn(e -> e.getName().equals(NodeEnv.EXTENSIONS_DIR)).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("/opt/siha/extensions"));
    }

    @Test
    void pathAndPullPolicyComeFromTheSpecAndResourcesFromTheNodeContainer() {
        ExtensionsSpec extensions = new ExtensionsSpec(IMAGE);
        extensions.setPath("/opt/jars");
        extensions.setImagePullPolicy(ImagePullPolicy.ALWAYS);
        cluster.getSpec().setExtensions(extensions);
        NodePodSpec podSpec = new NodePodSpec();
        podSpec.setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi")).build());
        cluster.getSpec().setPod(podSpec);

        Container init = NodePodModel.build(cluster, 1, "h").getSpec().getInitContainers().get(0);
        assertThat(init.getImagePullPolicy()).isEqualTo("Always");
        assertThat(init.getCommand()).endsWith("/opt/jars", ExtensionsVolume.DIR);
        assertThat(init.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
    }

    @Test
    void anotherImageOrPathRollsThePair() {
        var secret = DbSecretModel.build(cluster, "cA==", "cw==", Optional.empty());
        var apps = AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A")));
        List<String> hashes = new ArrayList<>();
        hashes.add(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps));
        cluster.getSpec().setExtensions(new ExtensionsSpec(IMAGE));
        hashes.add(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps));
        cluster.getSpec().getExtensions().setImage(IMAGE.replace("1.0", "1.1"));
        hashes.add(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps));
        cluster.getSpec().getExtensions().setPath("/jars");
        hashes.add(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps));

        assertThat(hashes).doesNotHaveDuplicates();
    }

    /** The init container's script run by a real sh, on directories standing in for the image and the volume. */
    @Test
    void theCopyScriptCopiesTheJarsOnlyAndFailsSayingSoWhenThereAreNone(@TempDir Path directory) throws Exception {
        Path image = Files.createDirectory(directory.resolve("image"));
        Path volume = Files.createDirectory(directory.resolve("volume"));
        Files.writeString(image.resolve("orders-functions.jar"), "jar 1");
        Files.writeString(image.resolve("my source.jar"), "jar 2");
        Files.writeString(image.resolve("README.md"), "not a jar");

        assertThat(runCopyScript(image, volume).exitCode()).isZero();
        try (var copied = Files.list(volume)) {
            assertThat(copied.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("orders-functions.jar", "my source.jar");
        }

        Path empty = Files.createDirectory(directory.resolve("image-without-jars"));
        CopyRun failed = runCopyScript(empty, volume);
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.output()).contains("no *.jar in " + empty + " of the extensions image");
    }

    private record CopyRun(int exitCode, String output) {
    }

    private static CopyRun runCopyScript(Path from, Path to) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", ExtensionsVolume.COPY_SCRIPT, "copy-extensions",
                from.toString(), to.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new CopyRun(process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }

    private static Container node(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }
}
