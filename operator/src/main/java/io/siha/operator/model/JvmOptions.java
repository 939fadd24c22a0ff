package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.siha.api.v1alpha1.NodePodSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec.pod.jvmOptions} as the node's JVM gets them: in {@code JDK_JAVA_OPTIONS}, which the {@code java} launcher
 * puts before the image's own command line. The node image sets the same variable to {@link #DEFAULT_HEAP} (see
 * node-image/Dockerfile; a test keeps the two equal), so a pair without jvmOptions keeps the image's default and its pod
 * spec; with them, the operator's value starts with that default and the user's options follow it, and for a JVM the
 * last of two equal flags wins: {@code -XX:MaxRAMPercentage=60} replaces the default, {@code -Xmx} overrides any
 * percentage. The image's entry point keeps {@code -XX:+ExitOnOutOfMemoryError} after them, so it cannot be turned off.
 */
final class JvmOptions {

    static final String ENV_NAME = "JDK_JAVA_OPTIONS";
    /** The maximum heap as a share of the container's memory limit: the one rule, the image's and the operator's. */
    static final String DEFAULT_HEAP = "-XX:MaxRAMPercentage=75";

    private JvmOptions() {
    }

    static Optional<EnvVar> env(NodePodSpec pod) {
        if (pod == null || pod.getJvmOptions() == null || pod.getJvmOptions().isEmpty()) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        options.add(DEFAULT_HEAP);
        options.addAll(pod.getJvmOptions());
        return Optional.of(new EnvVarBuilder().withName(ENV_NAME).withValue(String.join(" ", options)).build());
    }

    /** Why the launcher would refuse the option or it would stop the node from starting, if it would. */
    static Optional<String> problem(String option) {
        if (option == null || option.isBlank()) {
            return Optional.of("is empty");
        }
        if (option.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("must not contain white space: give each option an item of its own");
        }
        if (option.startsWith("@")) {
            return Optional.of("is an argument file, which JDK_JAVA_OPTIONS does not take");
        }
        if (!option.startsWith("-")) {
            return Optional.of("must start with '-': the node's jar and its arguments are the image's");
        }
        if (option.equals("-jar") || option.equals("-m") || option.startsWith("--module")) {
            return Optional.of("would replace what the JVM runs: the image runs the node's jar");
        }
        return Optional.empty();
    }
}
