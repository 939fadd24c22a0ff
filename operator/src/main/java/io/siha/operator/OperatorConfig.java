package io.siha.operator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, read once from the environment at start. A malformed value stops the operator with a
 * message naming the variable, rather than running with a guess.
 *
 * @param watchNamespaces  namespaces whose SiHaClusters are reconciled; empty means all
 * @param leaderElection   take a Lease before reconciling, so two replicas can run and only one acts
 * @param leaseName        name of that Lease
 * @param leaseNamespace   namespace of the Lease; empty means the namespace of the operator's own service account
 * @param healthPort       port of /healthz, /readyz and /metrics
 * @param stepDownTimeout  how long a rolling update waits for the active node to hand over before deleting its pod
 */
public record OperatorConfig(Set<String> watchNamespaces, boolean leaderElection, String leaseName,
                             Optional<String> leaseNamespace, int healthPort, Duration stepDownTimeout) {

    public static final String WATCH_NAMESPACES = "SIHA_OPERATOR_WATCH_NAMESPACES";
    public static final String LEADER_ELECTION = "SIHA_OPERATOR_LEADER_ELECTION";
    public static final String LEASE_NAME = "SIHA_OPERATOR_LEASE_NAME";
    /** The operator's own namespace, from the downward API; where its Lease lives. */
    public static final String NAMESPACE = "SIHA_OPERATOR_NAMESPACE";
    public static final String HEALTH_PORT = "SIHA_OPERATOR_HEALTH_PORT";
    public static final String STEP_DOWN_TIMEOUT_SECONDS = "SIHA_OPERATOR_STEP_DOWN_TIMEOUT_SECONDS";
    /** Log level (trace, debug, info, warn, error); read by logback.xml, checked here. */
    public static final String LOG_LEVEL = "SIHA_OPERATOR_LOG_LEVEL";
    /** Log format: json (one JSON object a line, the default) or text; read by logback.xml, checked here. */
    public static final String LOG_FORMAT = "SIHA_OPERATOR_LOG_FORMAT";

    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");
    private static final Set<String> LOG_FORMATS = Set.of("json", "text");

    static final String DEFAULT_LEASE_NAME = "si-ha-operator";
    static final int DEFAULT_HEALTH_PORT = 8080;
    static final long DEFAULT_STEP_DOWN_TIMEOUT_SECONDS = 120;

    public OperatorConfig {
        watchNamespaces = Set.copyOf(watchNamespaces);
    }

    public static OperatorConfig fromEnv(Map<String, String> env) {
        requireOneOf(env, LOG_LEVEL, LOG_LEVELS);
        requireOneOf(env, LOG_FORMAT, LOG_FORMATS);
        Set<String> namespaces = Arrays.stream(env.getOrDefault(WATCH_NAMESPACES, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new OperatorConfig(
                namespaces,
                parseBoolean(env, LEADER_ELECTION, true),
                env.getOrDefault(LEASE_NAME, DEFAULT_LEASE_NAME),
                Optional.ofNullable(env.get(NAMESPACE)).filter(s -> !s.isBlank()),
                (int) parseLong(env, HEALTH_PORT, DEFAULT_HEALTH_PORT, 0, 65_535),
                Duration.ofSeconds(parseLong(env, STEP_DOWN_TIMEOUT_SECONDS, DEFAULT_STEP_DOWN_TIMEOUT_SECONDS, 1,
                        86_400)));
    }

    /** Logback would silently log nothing with a format it has no appender for: refuse it with a message. */
    private static void requireOneOf(Map<String, String> env, String name, Set<String> allowed) {
        String value = env.get(name);
        if (value != null && !value.isBlank() && !allowed.contains(value.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(name + " must be one of " + allowed.stream().sorted().toList()
                    + ", was: " + value);
        }
    }

    private static boolean parseBoolean(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was: " + value);
        };
    }

    private static long parseLong(Map<String, String> env, String name, long fallback, long min, long max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was: "
                        + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was: " + value, e);
        }
    }
}
