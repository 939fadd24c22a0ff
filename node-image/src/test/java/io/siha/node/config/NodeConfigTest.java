package io.siha.node.config;

import io.siha.api.NodeEnv;
import io.siha.api.SiHaDefaults;
import io.siha.api.v1alpha1.IncompatibleStatePolicy;
import io.siha.api.v1alpha1.LoggingSpec;
import io.siha.api.v1alpha1.StandbyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put(NodeEnv.CLUSTER_GROUP, "orders-ha");
        env.put(NodeEnv.NODE_ID, "orders-ha-0");
        env.put(NodeEnv.CLUSTER_DB_URL, "jdbc:postgresql://db:5432/siha");
        env.put(NodeEnv.DB_USER, "siha");
        env.put(NodeEnv.DB_PASSWORD, "s3cret-value");
        env.put(NodeEnv.ADVERTISED_HOST, "10.1.2.3");
        env.put(NodeEnv.SYNC_SECRET, "0123456789abcdef-sync");
        return env;
    }

    @Test
    void aMinimalEnvironmentGetsTheSharedDefaults() {
        NodeConfig config = NodeConfig.fromEnvironment(valid());
        assertThat(config.clusterGroup()).isEqualTo("orders-ha");
        assertThat(config.nodeId()).isEqualTo("orders-ha-0");
        assertThat(config.heartbeat().intervalMs()).isEqualTo(SiHaDefaults.HEARTBEAT_INTERVAL_MS);
        assertThat(config.heartbeat().maxRetries()).isEqualTo(SiHaDefaults.HEARTBEAT_MAX_RETRIES);
        assertThat(config.heartbeat().lease()).isEqualTo(Duration.ofMillis(3000));
        assertThat(config.heartbeat().fenceMargin()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.ports()).isEqualTo(new NodePorts(SiHaDefaults.SYNC_PORT, SiHaDefaults.HTTP_INGEST_PORT,
                SiHaDefaults.BINARY_INGEST_PORT, SiHaDefaults.REST_PORT));
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
        assertThat(config.pod()).isEmpty();
        assertThat(config.persistence().db().jdbcUrl()).as("defaults to the cluster database")
                .isEqualTo("jdbc:postgresql://db:5432/siha");
        assertThat(config.persistence().intervalMs()).isEqualTo(SiHaDefaults.PERSISTENCE_INTERVAL_MS);
        assertThat(config.persistence().revisionsToKeep()).isEqualTo(SiHaDefaults.PERSISTENCE_REVISIONS_TO_KEEP);
        assertThat(config.sync().ackAfterPassive()).isTrue();
        assertThat(config.sync().queueCapacity()).isEqualTo(SiHaDefaults.SYNC_QUEUE_CAPACITY);
        assertThat(config.appsDir()).hasToString(NodeConfig.DEFAULT_APPS_DIR);
        assertThat(config.advertisedSyncPort()).isEqualTo(SiHaDefaults.SYNC_PORT);
        assertThat(config.ingestToken()).isEmpty();
        assertThat(config.extensionsDir()).isEmpty();
        assertThat(config.logging()).isEqualTo(new LogSettings(LogSettings.Level.INFO, LogSettings.Format.TEXT));
    }

    @Test
    void theLogLevelAndFormatAreTakenInLowerCase() {
        Map<String, String> env = valid();
        env.put(NodeEnv.LOG_LEVEL, "debug");
        env.put(NodeEnv.LOG_FORMAT, "json");
        assertThat(NodeConfig.fromEnvironment(env).logging())
                .isEqualTo(new LogSettings(LogSettings.Level.DEBUG, LogSettings.Format.JSON));
    }

    /** The operator lets spec.logging through only with values of LoggingSpec's lists: exactly the ones taken here. */
    @Test
    void theLevelsAndFormatsTheCrdOffersAreTheOnesTheNodeTakes() {
        assertThat(java.util.Arrays.stream(LogSettings.Level.values()).map(l -> l.name().toLowerCase(Locale.ROOT)))
                .containsExactlyElementsOf(LoggingSpec.LEVELS);
        assertThat(java.util.Arrays.stream(LogSettings.Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)))
                .containsExactlyInAnyOrderElementsOf(LoggingSpec.FORMATS);
        for (String level : LoggingSpec.LEVELS) {
            for (String format : LoggingSpec.FORMATS) {
                Map<String, String> env = valid();
                env.put(NodeEnv.LOG_LEVEL, level);
                env.put(NodeEnv.LOG_FORMAT, format);
                assertThat(NodeConfig.fromEnvironment(env).logging().level().name()).isEqualToIgnoringCase(level);
            }
        }
    }

    /** The operator writes nodeValue() for the spec's policy; the node reads each back as the same constant. */
    @Test
    void everyIncompatibleStatePolicyTheOperatorWritesIsTheOneTheNodeReads() {
        assertThat(NodeConfig.fromEnvironment(valid()).persistence().onIncompatibleState())
                .isEqualTo(IncompatibleStatePolicy.FAIL);
        for (IncompatibleStatePolicy policy : IncompatibleStatePolicy.values()) {
            Map<String, String> env = valid();
            env.put(NodeEnv.ON_INCOMPATIBLE_STATE, policy.nodeValue());
            assertThat(NodeConfig.fromEnvironment(env).persistence().onIncompatibleState()).isEqualTo(policy);
        }
    }

    /** Cold unless asked; the operator's nodeValue() of each mode reads back as it; a typo names the choices. */
    @Test
    void theStandbyModeIsColdUnlessHotIsAskedFor() {
        assertThat(NodeConfig.fromEnvironment(valid()).standby()).isEqualTo(StandbyMode.COLD);
        for (StandbyMode mode : StandbyMode.values()) {
            Map<String, String> env = valid();
            env.put(NodeEnv.STANDBY_MODE, mode.nodeValue());
            assertThat(NodeConfig.fromEnvironment(env).standby()).isEqualTo(mode);
        }
        Map<String, String> env = valid();
        env.put(NodeEnv.STANDBY_MODE, "Hot");
        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(NodeEnv.STANDBY_MODE + "='Hot' is not one of cold, hot");
    }

    @Test
    void theExtensionsDirectoryMustBeADirectoryThisProcessCanList(@TempDir Path temp) throws IOException {
        Map<String, String> env = valid();
        env.put(NodeEnv.EXTENSIONS_DIR, temp.toString());
        assertThat(NodeConfig.fromEnvironment(env).extensionsDir()).contains(temp);
        assertThat(NodeConfig.fromEnvironment(env).toString()).contains("extensionsDir=" + temp);

        env.put(NodeEnv.EXTENSIONS_DIR, temp.resolve("missing").toString());
        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("SIHA_EXTENSIONS_DIR=" + temp.resolve("missing") + " does not exist");

        Path jar = Files.writeString(temp.resolve("acme.jar"), "a jar");
        env.put(NodeEnv.EXTENSIONS_DIR, jar.toString());
        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("SIHA_EXTENSIONS_DIR=" + jar + " is not a directory")
                .hasMessageContaining("not a jar itself");
    }

    @Test
    void inAPodTheNodeIdDefaultsToThePodName() {
        Map<String, String> env = valid();
        env.remove(NodeEnv.NODE_ID);
        env.put(NodeEnv.POD_NAME, "orders-ha-1");
        env.put(NodeEnv.POD_NAMESPACE, "streaming");
        NodeConfig config = NodeConfig.fromEnvironment(env);
        assertThat(config.nodeId()).isEqualTo("orders-ha-1");
        assertThat(config.pod()).contains(new PodIdentity("orders-ha-1", "streaming"));
    }

    @Test
    void aPasswordInTheJdbcUrlIsMaskedToo() {
        DatabaseSettings db = new DatabaseSettings("jdbc:postgresql://db/x?user=a&password=hunter2&ssl=true", "a", "");
        assertThat(db.toString()).doesNotContain("hunter2").contains("password=***&ssl=true");
        assertThat(db.redactedUrl()).isEqualTo("jdbc:postgresql://db/x?user=a&password=***&ssl=true");
    }

    @Test
    void thePasswordNeverShowsInToString() {
        NodeConfig config = NodeConfig.fromEnvironment(valid());
        Map<String, String> env = valid();
        env.put(NodeEnv.INGEST_TOKEN, "ingest-token-0123456789");
        assertThat(NodeConfig.fromEnvironment(env).toString()).doesNotContain("ingest-token-0123456789")
                .contains("ingestToken=***");
        assertThat(config.toString()).doesNotContain("s3cret-value").doesNotContain("0123456789abcdef-sync")
                .contains("password=***").contains("secret=***");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "SIHA_CLUSTER_GROUP         |                       | SIHA_CLUSTER_GROUP is not set",
        "SIHA_CLUSTER_GROUP         | Orders_HA             | SIHA_CLUSTER_GROUP='Orders_HA' is malformed",
        "SIHA_NODE_ID               |                       | SIHA_NODE_ID is not set",
        "SIHA_NODE_ID               | -bad-                 | SIHA_NODE_ID='-bad-' is malformed",
        "SIHA_CLUSTER_DB_URL        |                       | SIHA_CLUSTER_DB_URL is not set",
        "SIHA_CLUSTER_DB_URL        | jdbc:mysql://db/x     | SIHA_CLUSTER_DB_URL='jdbc:mysql://db/x' is malformed",
        "SIHA_DB_USER               |                       | SIHA_DB_USER is not set",
        "SIHA_ADVERTISED_HOST       |                       | SIHA_ADVERTISED_HOST is not set",
        "SIHA_ADVERTISED_HOST       | not a host            | SIHA_ADVERTISED_HOST='not a host' is malformed",
        "SIHA_HEARTBEAT_INTERVAL_MS | fast                  | SIHA_HEARTBEAT_INTERVAL_MS='fast' is not a whole number",
        "SIHA_HEARTBEAT_INTERVAL_MS | 50                    | SIHA_HEARTBEAT_INTERVAL_MS=50 is out of range: expected 100..60000",
        "SIHA_HEARTBEAT_INTERVAL_MS | 60001                 | SIHA_HEARTBEAT_INTERVAL_MS=60001 is out of range",
        "SIHA_HEARTBEAT_MAX_RETRIES | 0                     | SIHA_HEARTBEAT_MAX_RETRIES=0 is out of range: expected 1..10",
        "SIHA_HEARTBEAT_MAX_RETRIES | -3                    | SIHA_HEARTBEAT_MAX_RETRIES=-3 is out of range",
        "SIHA_HEARTBEAT_MAX_RETRIES | 2.5                   | SIHA_HEARTBEAT_MAX_RETRIES='2.5' is not a whole number",
        "SIHA_SYNC_PORT             | 0                     | SIHA_SYNC_PORT=0 is out of range: expected 1..65535",
        "SIHA_REST_PORT             | 70000                 | SIHA_REST_PORT=70000 is out of range",
        "SIHA_HTTP_INGEST_PORT      | 9893                  | ports must differ",
        "SIHA_POD_NAME              | orders-ha-0           | SIHA_POD_NAME and SIHA_POD_NAMESPACE must be set together",
        "SIHA_PERSISTENCE_DB_URL    | postgres://db/x       | SIHA_PERSISTENCE_DB_URL='postgres://db/x' is malformed",
        "SIHA_PERSISTENCE_INTERVAL_MS | 10                  | SIHA_PERSISTENCE_INTERVAL_MS=10 is out of range",
        "SIHA_PERSISTENCE_REVISIONS_TO_KEEP | 0             | SIHA_PERSISTENCE_REVISIONS_TO_KEEP=0 is out of range",
        "SIHA_SYNC_ACK_AFTER_PASSIVE | yes                  | SIHA_SYNC_ACK_AFTER_PASSIVE='yes' is not a boolean",
        "SIHA_SYNC_QUEUE_CAPACITY   | 5                     | SIHA_SYNC_QUEUE_CAPACITY=5 is out of range",
        "SIHA_SYNC_SECRET           |                       | SIHA_SYNC_SECRET is not set",
        "SIHA_SYNC_SECRET           | short                 | SIHA_SYNC_SECRET is too short",
        "SIHA_ADVERTISED_SYNC_PORT  | 0                     | SIHA_ADVERTISED_SYNC_PORT=0 is out of range",
        "SIHA_INGEST_TOKEN          | abc                   | SIHA_INGEST_TOKEN is too short",
        "SIHA_LOG_LEVEL             | verbose               | SIHA_LOG_LEVEL='verbose' is not one of trace, debug, info, warn, error",
        "SIHA_LOG_FORMAT            | JSON                  | SIHA_LOG_FORMAT='JSON' is not one of text, json (lower case)",
        "SIHA_LOG_FORMAT            | logfmt                | SIHA_LOG_FORMAT='logfmt' is not one of text, json",
    })
    void eachBadValueIsRefusedWithAMessageNamingTheVariable(String variable, String value, String expected) {
        Map<String, String> env = valid();
        if (value == null) {
            env.remove(variable);
        } else {
            env.put(variable, value);
        }
        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> env = valid();
        env.remove(NodeEnv.CLUSTER_GROUP);
        env.put(NodeEnv.HEARTBEAT_INTERVAL_MS, "0");
        env.put(NodeEnv.SYNC_PORT, "x");
        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void aBlankValueCountsAsUnset() {
        Map<String, String> env = valid();
        env.put(NodeEnv.DB_USER, "   ");
        assertThatThrownBy(() -> NodeConfig.fromEnvironment(env)).hasMessageContaining("SIHA_DB_USER is not set");
    }
}
