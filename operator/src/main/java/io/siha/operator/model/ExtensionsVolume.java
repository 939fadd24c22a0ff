package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.siha.api.NodeEnv;
import io.siha.api.v1alpha1.ExtensionsSpec;
import io.siha.api.v1alpha1.SiHaClusterSpec;

import java.util.List;
import java.util.Optional;

/**
 * What a pod needs for {@code spec.extensions}: an init container that runs the user's image and copies the jars of
 * its {@code path} into an emptyDir, that emptyDir mounted read-only in the node container at a fixed directory, and
 * {@link NodeEnv#EXTENSIONS_DIR} naming it. Nothing without extensions, so the pod spec (and its template hash) of a
 * pair without them is what it was before they existed.
 *
 * <p>The copy runs {@code sh -c} in the user's image, so that image needs sh and cp (FROM busybox): a glob and a
 * clear message for an image without jars need a shell, and running the image is the one way to get at its files on
 * every Kubernetes the project supports (1.27+; mounting an image as a volume needs 1.31+ and a feature gate).
 * The path is handed to the script as an argument, never spliced into it, so no path can change what the script does.
 */
final class ExtensionsVolume {

    static final String INIT_CONTAINER_NAME = "extensions";
    static final String VOLUME = "extensions";
    /** Where the node finds the jars; fixed, so the node's variable never depends on the user's image. */
    static final String DIR = "/opt/siha/extensions";

    /** $1 the directory in the image, $2 the emptyDir. A directory without jars fails the pod's start, saying so. */
    static final String COPY_SCRIPT = """
            set -e
            for jar in "$1"/*.jar; do
              [ -f "$jar" ] || { echo "no *.jar in $1 of the extensions image" >&2; exit 1; }
              cp "$jar" "$2"/
              echo "copied $jar"
            done""";

    private ExtensionsVolume() {
    }

    /**
     * @param resources the node container's: a namespace quota that asks every container for limits is then met,
     *                  and the pod asks for no more, as its request is the larger of an init container's and the sum
     *                  of its containers'
     */
    static List<Container> initContainers(SiHaClusterSpec spec, ResourceRequirements resources) {
        return extensions(spec).map(extensions -> List.of(new ContainerBuilder()
                .withName(INIT_CONTAINER_NAME)
                .withImage(extensions.getImage())
                .withImagePullPolicy(extensions.getImagePullPolicy() == null ? null
                        : extensions.getImagePullPolicy().kubernetesName())
                .withCommand("sh", "-c", COPY_SCRIPT, "copy-extensions", extensions.getPath(), DIR)
                // "no *.jar in PATH of the extensions image" becomes the status's message.
                .withTerminationMessagePolicy(NodePodModel.TERMINATION_MESSAGE_POLICY)
                .withResources(resources)
                .addNewVolumeMount().withName(VOLUME).withMountPath(DIR).endVolumeMount()
                .withSecurityContext(NodePodModel.restrictedContainer())
                .build())).orElse(List.of());
    }

    static List<Volume> volumes(SiHaClusterSpec spec) {
        return extensions(spec).map(extensions -> List.of(new VolumeBuilder().withName(VOLUME).withNewEmptyDir()
                .endEmptyDir().build())).orElse(List.of());
    }

    /** Read-only in the node: what it loads is what the init container copied, nothing the node could change. */
    static List<VolumeMount> mounts(SiHaClusterSpec spec) {
        return extensions(spec).map(extensions -> List.of(new VolumeMountBuilder().withName(VOLUME)
                .withMountPath(DIR).withReadOnly(true).build())).orElse(List.of());
    }

    static List<EnvVar> env(SiHaClusterSpec spec) {
        return extensions(spec).map(extensions -> List.of(new EnvVarBuilder().withName(NodeEnv.EXTENSIONS_DIR)
                .withValue(DIR).build())).orElse(List.of());
    }

    private static Optional<ExtensionsSpec> extensions(SiHaClusterSpec spec) {
        return Optional.ofNullable(spec.getExtensions());
    }
}
