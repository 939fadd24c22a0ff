package io.siha.operator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names and paths of a node pod that are the operator's, or the node image's, and so not the user's to take in
 * {@code spec.pod}: each is listed from the constant the pod is built with, so a new volume of the operator's is
 * protected as soon as it exists. Every one is listed whether or not this pair uses it (TLS, extensions), so that
 * turning a feature on later never clashes with something the user added meanwhile.
 */
final class OperatorPodParts {

    /** Where the node image has the node's jar and the JRE (eclipse-temurin's JAVA_HOME is /opt/java/openjdk). */
    static final String NODE_JAR_DIR = "/opt/si-ha";
    static final String JRE_DIR = "/opt/java";

    private OperatorPodParts() {
    }

    /** A volume of the operator's, where the node container mounts it, and what it holds. */
    private record Mounted(String volume, String mountPath, String what) {
    }

    private static List<Mounted> mounted() {
        List<Mounted> mounted = new ArrayList<>();
        mounted.add(new Mounted(NodePodModel.APPS_VOLUME, NodePodModel.APPS_DIR, "the apps"));
        mounted.add(new Mounted(NodePodModel.TMP_VOLUME, NodePodModel.TMP_DIR, "the node's scratch directory"));
        for (TlsChannel channel : TlsChannel.values()) {
            mounted.add(new Mounted(channel.volumeName(), channel.mountPath(),
                    "the " + channel.name().toLowerCase() + " TLS Secret"));
        }
        mounted.add(new Mounted(ExtensionsVolume.VOLUME, ExtensionsVolume.DIR, "the extension jars"));
        return mounted;
    }

    /** Volume name to what the operator mounts from it. */
    static Map<String, String> volumes() {
        Map<String, String> volumes = new LinkedHashMap<>();
        mounted().forEach(m -> volumes.put(m.volume(), m.what()));
        return volumes;
    }

    /** Mount path to what the operator mounts there; nothing of the user's may go at or inside them. */
    static Map<String, String> mountPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        mounted().forEach(m -> paths.put(m.mountPath(), m.what()));
        return paths;
    }

    /** Directories of the image the node runs from; a mount at or above one would hide it. */
    static Map<String, String> imageDirectories() {
        Map<String, String> directories = new LinkedHashMap<>();
        directories.put(NODE_JAR_DIR, "the node's jar");
        directories.put(JRE_DIR, "the Java runtime");
        return directories;
    }

    /** Container names of the pod: containers and init containers share one name space. */
    static List<String> containerNames() {
        List<String> names = new ArrayList<>();
        names.add(NodePodModel.CONTAINER_NAME);
        names.add(ExtensionsVolume.INIT_CONTAINER_NAME);
        return names;
    }
}
