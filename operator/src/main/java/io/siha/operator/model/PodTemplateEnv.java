package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.siha.api.v1alpha1.NodePodSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The node container's environment with {@code spec.pod}'s part: the operator's variables first (the node's SIHA_*
 * configuration), then JDK_JAVA_OPTIONS from jvmOptions, then the user's env, so that a user's value may refer to the
 * operator's with {@code $(SIHA_POD_NAME)}. The user's names never repeat the operator's (refused in
 * {@link PodTemplateChecks}); for envFrom, whose keys the operator does not see, Kubernetes lets env win over envFrom.
 */
final class PodTemplateEnv {

    private PodTemplateEnv() {
    }

    static List<EnvVar> env(List<EnvVar> operators, NodePodSpec pod) {
        List<EnvVar> env = new ArrayList<>(operators);
        JvmOptions.env(pod).ifPresent(env::add);
        if (pod != null && pod.getEnv() != null) {
            env.addAll(pod.getEnv());
        }
        return env;
    }

    static List<EnvFromSource> envFrom(NodePodSpec pod) {
        return pod == null || pod.getEnvFrom() == null ? List.of() : pod.getEnvFrom();
    }
}
