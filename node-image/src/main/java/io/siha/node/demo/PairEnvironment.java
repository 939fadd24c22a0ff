package io.siha.node.demo;

import io.siha.api.NodeEnv;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The environment both nodes of a pair on this machine share: their group, the database, loopback addresses, a
 * fresh sync secret and the apps directory. Each node adds its own id and ports ({@link LocalNode}).
 */
public final class PairEnvironment {

    private final Map<String, String> env = new HashMap<>();

    private PairEnvironment(String group, String jdbcUrl, String user, String password, Path appsDir) {
        env.put(NodeEnv.CLUSTER_GROUP, group);
        env.put(NodeEnv.CLUSTER_DB_URL, jdbcUrl);
        env.put(NodeEnv.DB_USER, user);
        env.put(NodeEnv.DB_PASSWORD, password);
        env.put(NodeEnv.ADVERTISED_HOST, "127.0.0.1");
        env.put(NodeEnv.BIND_HOST, "127.0.0.1");
        env.put(NodeEnv.SYNC_SECRET, UUID.randomUUID().toString());
        env.put(NodeEnv.APPS_DIR, appsDir.toString());
    }

    public static PairEnvironment of(String group, String jdbcUrl, String user, String password, Path appsDir) {
        return new PairEnvironment(group, jdbcUrl, user, password, appsDir);
    }

    public PairEnvironment heartbeat(long intervalMs, int maxRetries) {
        env.put(NodeEnv.HEARTBEAT_INTERVAL_MS, String.valueOf(intervalMs));
        env.put(NodeEnv.HEARTBEAT_MAX_RETRIES, String.valueOf(maxRetries));
        return this;
    }

    public PairEnvironment persistEveryMs(long intervalMs) {
        env.put(NodeEnv.PERSISTENCE_INTERVAL_MS, String.valueOf(intervalMs));
        return this;
    }

    public PairEnvironment with(String name, String value) {
        env.put(name, value);
        return this;
    }

    public PairEnvironment with(Map<String, String> values) {
        env.putAll(values);
        return this;
    }

    /** A copy: each node changes its own. */
    public Map<String, String> toMap() {
        return new HashMap<>(env);
    }
}
