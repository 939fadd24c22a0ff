package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.siha.api.v1alpha1.NodePodSpec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code spec.pod} may not do, each a problem on its field: take a name or path the operator or the node image
 * uses ({@link OperatorPodParts}), set the node's own variables, label or annotate a pod with the keys the operator
 * and the nodes route on, or write what the API server would refuse (then the operator's pod write would fail, far
 * from the field that caused it). Pure, like {@link SpecResolver}, which calls it.
 */
final class PodTemplateChecks {

    /** The node reads its configuration from SIHA_* variables, all of which the operator sets or the pod needs unset. */
    static final String NODE_ENV_PREFIX = "SIHA_";

    // Kubernetes' rules for what the API server would refuse.
    private static final Pattern ENV_NAME = Pattern.compile("^[-._a-zA-Z][-._a-zA-Z0-9]*$");
    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    private final List<SpecProblem> problems;

    private PodTemplateChecks(List<SpecProblem> problems) {
        this.problems = problems;
    }

    static void check(NodePodSpec pod, List<SpecProblem> problems) {
        if (pod == null) {
            return;
        }
        PodTemplateChecks checks = new PodTemplateChecks(problems);
        checks.env(pod.getEnv());
        checks.envFrom(pod.getEnvFrom());
        checks.jvmOptions(pod.getJvmOptions());
        Set<String> volumes = checks.volumes(pod.getVolumes());
        checks.mounts("spec.pod.volumeMounts", pod.getVolumeMounts(), volumes, true);
        checks.initContainers(pod.getInitContainers(), volumes);
        checks.imagePullSecrets(pod.getImagePullSecrets());
        MetadataKeyChecks.labels("spec.pod.labels", pod.getLabels(), problems);
        MetadataKeyChecks.annotations("spec.pod.annotations", pod.getAnnotations(), problems);
        if (pod.getServiceAccount() != null) {
            MetadataKeyChecks.annotations("spec.pod.serviceAccount.annotations",
                    pod.getServiceAccount().getAnnotations(), problems);
        }
        checks.priorityClassName(pod.getPriorityClassName());
        checks.topologySpreadConstraints(pod.getTopologySpreadConstraints());
    }

    private void env(List<EnvVar> env) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < size(env); i++) {
            String field = "spec.pod.env[" + i + "]";
            EnvVar var = env.get(i);
            String name = var == null ? null : var.getName();
            if (blank(name)) {
                add(field + ".name", "is required");
            } else if (name.startsWith(NODE_ENV_PREFIX)) {
                add(field + ".name", name + ": SIHA_ variables are the node's configuration, which the operator sets"
                        + " from the spec; set the spec field instead");
            } else if (name.equals(JvmOptions.ENV_NAME)) {
                add(field + ".name", name + " is the operator's: put the options in spec.pod.jvmOptions");
            } else if (!ENV_NAME.matcher(name).matches()) {
                add(field + ".name", name + ": must consist of letters, digits, '_', '-' and '.', and not start with"
                        + " a digit");
            } else if (seen.containsKey(name)) {
                add(field + ".name", name + " is also set by spec.pod.env[" + seen.get(name) + "]");
            } else {
                seen.put(name, i);
            }
            if (var != null && var.getValue() != null && var.getValueFrom() != null) {
                add(field, "has both value and valueFrom; keep one");
            }
        }
    }

    private void envFrom(List<EnvFromSource> sources) {
        for (int i = 0; i < size(sources); i++) {
            String field = "spec.pod.envFrom[" + i + "]";
            EnvFromSource source = sources.get(i);
            if (source == null || (source.getConfigMapRef() == null) == (source.getSecretRef() == null)) {
                add(field, "needs exactly one of configMapRef and secretRef");
                continue;
            }
            String name = source.getConfigMapRef() != null ? source.getConfigMapRef().getName()
                    : source.getSecretRef().getName();
            if (blank(name)) {
                add(field + (source.getConfigMapRef() != null ? ".configMapRef" : ".secretRef") + ".name",
                        "is required");
            }
            if (source.getPrefix() != null && source.getPrefix().startsWith(NODE_ENV_PREFIX)) {
                add(field + ".prefix", source.getPrefix() + ": SIHA_ variables are the node's configuration, which"
                        + " the operator sets from the spec");
            }
        }
    }

    private void jvmOptions(List<String> options) {
        for (int i = 0; i < size(options); i++) {
            int index = i;
            JvmOptions.problem(options.get(i)).ifPresent(problem -> add("spec.pod.jvmOptions[" + index + "]",
                    (blank(options.get(index)) ? "" : options.get(index) + " ") + problem));
        }
    }

    /** The names of the user's volumes that are valid, for the mounts to be checked against. */
    private Set<String> volumes(List<Volume> volumes) {
        Map<String, String> operators = OperatorPodParts.volumes();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < size(volumes); i++) {
            String field = "spec.pod.volumes[" + i + "].name";
            String name = volumes.get(i) == null ? null : volumes.get(i).getName();
            uniqueName(field, name, operators.containsKey(name)
                    ? name + " is the operator's volume of " + operators.get(name) + "; choose another name" : null,
                    names);
        }
        return names;
    }

    /** @param node whether these are the node container's mounts, which must leave the operator's and image's paths be */
    private void mounts(String listField, List<VolumeMount> mounts, Set<String> volumes, boolean node) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < size(mounts); i++) {
            String field = listField + "[" + i + "]";
            VolumeMount mount = mounts.get(i);
            String name = mount == null ? null : mount.getName();
            String path = mount == null ? null : mount.getMountPath();
            if (blank(name)) {
                add(field + ".name", "is required");
            } else if (!volumes.contains(name)) {
                add(field + ".name", OperatorPodParts.volumes().containsKey(name)
                        ? name + " is the operator's volume of " + OperatorPodParts.volumes().get(name)
                        : "no volume " + name + " in spec.pod.volumes");
            }
            if (blank(path) || !path.startsWith("/")) {
                add(field + ".mountPath", "must be an absolute path");
                continue;
            }
            String normalized = normalized(path);
            if (!paths.add(normalized)) {
                add(field + ".mountPath", path + " is mounted twice");
            }
            if (node) {
                pathClash(field + ".mountPath", path, normalized);
            }
        }
    }

    private void pathClash(String field, String path, String normalized) {
        OperatorPodParts.mountPaths().forEach((operators, what) -> {
            if (atOrInside(normalized, operators)) {
                add(field, path + " is at or inside " + operators + ", where the operator mounts " + what);
            }
        });
        OperatorPodParts.imageDirectories().forEach((image, what) -> {
            if (atOrInside(image, normalized)) {
                add(field, path + " would hide " + what + " at " + image + " in the node image");
            }
        });
    }

    private void initContainers(List<Container> containers, Set<String> volumes) {
        List<String> operators = OperatorPodParts.containerNames();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < size(containers); i++) {
            String field = "spec.pod.initContainers[" + i + "]";
            Container container = containers.get(i);
            String name = container == null ? null : container.getName();
            uniqueName(field + ".name", name, operators.contains(name)
                    ? name + " is the name of the operator's container; choose another" : null, names);
            if (container != null && blank(container.getImage())) {
                add(field + ".image", "is required");
            }
            if (container != null) {
                mounts(field + ".volumeMounts", container.getVolumeMounts(), volumes, false);
            }
        }
    }

    /**
     * A name of a list whose names must be unique DNS labels, as volume and container names are.
     *
     * @param taken why the name is the operator's, or null when it is not
     * @param seen  the valid names so far; the name is added when valid
     */
    private void uniqueName(String field, String name, String taken, Set<String> seen) {
        if (blank(name)) {
            add(field, "is required");
        } else if (taken != null) {
            add(field, taken);
        } else if (!DNS_LABEL.matcher(name).matches()) {
            add(field, name + ": must be a DNS label (lower case letters, digits and '-', at most 63)");
        } else if (!seen.add(name)) {
            add(field, name + " is listed twice");
        }
    }

    private void imagePullSecrets(List<LocalObjectReference> secrets) {
        for (int i = 0; i < size(secrets); i++) {
            if (secrets.get(i) == null || blank(secrets.get(i).getName())) {
                add("spec.pod.imagePullSecrets[" + i + "].name", "is required");
            }
        }
    }

    private void priorityClassName(String name) {
        if (name != null && !MetadataKeyChecks.dnsSubdomain(name)) {
            add("spec.pod.priorityClassName", name + ": must be the name of a PriorityClass (a DNS subdomain)");
        }
    }

    private void topologySpreadConstraints(List<TopologySpreadConstraint> constraints) {
        for (int i = 0; i < size(constraints); i++) {
            TopologySpreadConstraint constraint = constraints.get(i);
            if (constraint == null || constraint.getMaxSkew() == null || blank(constraint.getTopologyKey())
                    || blank(constraint.getWhenUnsatisfiable())) {
                add("spec.pod.topologySpreadConstraints[" + i + "]",
                        "maxSkew, topologyKey and whenUnsatisfiable are required");
            }
        }
    }

    /** {@code path} is {@code directory} or lies below it. */
    private static boolean atOrInside(String path, String directory) {
        return path.equals(directory) || directory.equals("/") || path.startsWith(directory + "/");
    }

    private static String normalized(String path) {
        String normalized = Path.of(path).normalize().toString();
        return normalized.length() > 1 && normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1)
                : normalized;
    }

    private void add(String field, String message) {
        problems.add(new SpecProblem(field, message));
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
