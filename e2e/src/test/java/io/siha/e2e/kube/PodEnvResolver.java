package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.Container;
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

/**
 * The environment of a container, resolved as the kubelet does it: literal values, {@code secretKeyRef} from the
 * Secret (decoded), {@code configMapKeyRef}, and {@code fieldRef} from the downward API (metadata.name,
 * metadata.namespace, status.podIP). A reference that cannot be resolved fails the start, as a real container would
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
        for (EnvVar variable : container.getEnv()) {
            String value = variable.getValueFrom() != null
                    ? fromSource(pod, podIp, variable.getName(), variable.getValueFrom())
                    : variable.getValue() == null ? "" : variable.getValue();
            env.put(variable.getName(), value.startsWith("/") ? volumes.hostPath(value) : value);
        }
        env.putIfAbsent(NodeEnv.BIND_HOST, podIp);
        return env;
    }

    private String fromSource(Pod pod, String podIp, String name, EnvVarSource source) {
        if (source.getFieldRef() != null) {
            return downwardApi(pod, podIp, source.getFieldRef().getFieldPath());
        }
        if (source.getSecretKeyRef() != null) {
            String secretName = source.getSecretKeyRef().getName();
            String key = source.getSecretKeyRef().getKey();
            Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace()).withName(secretName).get();
            String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
            if (encoded == null) {
                throw new IllegalStateException(name + ": secret " + secretName + " has no key " + key);
            }
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        if (source.getConfigMapKeyRef() != null) {
            String mapName = source.getConfigMapKeyRef().getName();
            String key = source.getConfigMapKeyRef().getKey();
            var configMap = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(mapName).get();
            String value = configMap == null || configMap.getData() == null ? null : configMap.getData().get(key);
            if (value == null) {
                throw new IllegalStateException(name + ": config map " + mapName + " has no key " + key);
            }
            return value;
        }
        throw new IllegalStateException(name + ": unsupported valueFrom " + source);
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
