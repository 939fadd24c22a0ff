package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.siha.api.NodeEnv;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment of a container, resolved as the kubelet does it: {@code envFrom} ConfigMaps and Secrets (with
 * their prefix, before env), literal values (with {@code $(NAME)} of a variable defined before expanded),
 * {@code secretKeyRef} from the Secret (decoded), {@code configMapKeyRef}, and {@code fieldRef} from the downward API
 * (metadata.name, metadata.namespace, status.podIP). A reference that cannot be resolved fails the start, as a real container would
 * be stuck in CreateContainerConfigError.
 *
 * <p>What differs from a container, because the process shares this machine: paths in values are translated to the
 * pod's volume directories, the servers bind to the pod's own address (a container binding 0.0.0.0 binds only its pod
 * IP), and the Fabric8 client is pointed at the mock API server.
 */
final class PodEnvResolver {

    private final KubernetesClient client;
    private final Map<String, String> apiServerEnvironment;

    PodEnvResolver(KubernetesClient client, Map<String, String> apiServerEnvironment) {
        this.client = client;
        this.apiServerEnvironment = Map.copyOf(apiServerEnvironment);
    }

    Map<String, String> resolve(Pod pod, Container container, String podIp, PodVolumes volumes) {
        Map<String, String> env = new LinkedHashMap<>(apiServerEnvironment);
        // envFrom first: a variable of env of the same name wins, as on a kubelet.
        for (EnvFromSource source : container.getEnvFrom()) {
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            data(pod, source).forEach((key, value) -> env.put(prefix + key, value));
        }
        for (EnvVar variable : container.getEnv()) {
            String value = variable.getValueFrom() != null
                    ? fromSource(pod, podIp, variable.getName(), variable.getValueFrom())
                    : variable.getValue() == null ? "" : expanded(variable.getValue(), env);
            env.put(variable.getName(), value.startsWith("/") ? volumes.hostPath(value) : value);
        }
        env.putIfAbsent(NodeEnv.BIND_HOST, podIp);
        return env;
    }

    /** $(NAME) of a variable defined before, as the kubelet expands it; other text is left as it is. */
    private static String expanded(String value, Map<String, String> defined) {
        Matcher reference = VARIABLE_REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            reference.appendReplacement(result, Matcher.quoteReplacement(
                    defined.containsKey(name) ? defined.get(name) : reference.group()));
        }
        return reference.appendTail(result).toString();
    }

    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([-._a-zA-Z][-._a-zA-Z0-9]*)\\)");

    /** The keys of an envFrom ConfigMap or Secret; a missing one fails the start, as on a kubelet. */
    private Map<String, String> data(Pod pod, EnvFromSource source) {
        return source.getConfigMapRef() != null
                ? configMapData(pod, source.getConfigMapRef().getName(), "envFrom")
                : secretData(pod, source.getSecretRef().getName(), "envFrom");
    }

    private String fromSource(Pod pod, String podIp, String name, EnvVarSource source) {
        if (source.getFieldRef() != null) {
            return downwardApi(pod, podIp, source.getFieldRef().getFieldPath());
        }
        if (source.getSecretKeyRef() != null) {
            String secretName = source.getSecretKeyRef().getName();
            return key(secretData(pod, secretName, name), source.getSecretKeyRef().getKey(),
                    name + ": secret " + secretName);
        }
        if (source.getConfigMapKeyRef() != null) {
            String mapName = source.getConfigMapKeyRef().getName();
            return key(configMapData(pod, mapName, name), source.getConfigMapKeyRef().getKey(),
                    name + ": config map " + mapName);
        }
        throw new IllegalStateException(name + ": unsupported valueFrom " + source);
    }

    private static String key(Map<String, String> data, String key, String what) {
        if (!data.containsKey(key)) {
            throw new IllegalStateException(what + " has no key " + key);
        }
        return data.get(key);
    }

    private Map<String, String> configMapData(Pod pod, String name, String forWhat) {
        ConfigMap map = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(name).get();
        if (map == null) {
            throw new IllegalStateException(forWhat + ": config map " + name + " not found");
        }
        return map.getData() == null ? Map.of() : map.getData();
    }

    /** Decoded, as the container sees the values. */
    private Map<String, String> secretData(Pod pod, String name, String forWhat) {
        Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace()).withName(name).get();
        if (secret == null) {
            throw new IllegalStateException(forWhat + ": secret " + name + " not found");
        }
        Map<String, String> decoded = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) ->
                    decoded.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        return decoded;
    }

    private static String downwardApi(Pod pod, String podIp, String fieldPath) {
        return switch (fieldPath) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "status.podIP" -> podIp;
            case "status.hostIP" -> "127.0.0.1";
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            default -> throw new IllegalStateException("downward API field " + fieldPath + " is not emulated");
        };
    }
}
