package io.siha.operator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorConfigTest {

    @Test
    void defaultsWatchAllNamespacesWithLeaderElection() {
        OperatorConfig config = OperatorConfig.fromEnv(Map.of());
        assertThat(config.watchNamespaces()).isEmpty();
        assertThat(config.leaderElection()).isTrue();
        assertThat(config.leaseName()).isEqualTo("si-ha-operator");
        assertThat(config.leaseNamespace()).isEmpty();
        assertThat(config.healthPort()).isEqualTo(8080);
        assertThat(config.stepDownTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void readsEveryVariable() {
        OperatorConfig config = OperatorConfig.fromEnv(Map.of(
                OperatorConfig.WATCH_NAMESPACES, " team-a, team-b ,",
                OperatorConfig.LEADER_ELECTION, "false",
                OperatorConfig.LEASE_NAME, "lease",
                OperatorConfig.NAMESPACE, "ops",
                OperatorConfig.HEALTH_PORT, "9000",
                OperatorConfig.STEP_DOWN_TIMEOUT_SECONDS, "30"));
        assertThat(config).isEqualTo(new OperatorConfig(Set.of("team-a", "team-b"), false, "lease",
                Optional.of("ops"), 9000, Duration.ofSeconds(30)));
    }

    @Test
    void aMalformedValueNamesTheVariable() {
        assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of(OperatorConfig.HEALTH_PORT, "http")))
                .hasMessageContaining(OperatorConfig.HEALTH_PORT);
        assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of(OperatorConfig.LEADER_ELECTION, "yes")))
                .hasMessageContaining(OperatorConfig.LEADER_ELECTION);
        assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of(OperatorConfig.STEP_DOWN_TIMEOUT_SECONDS, "0")))
                .hasMessageContaining(OperatorConfig.STEP_DOWN_TIMEOUT_SECONDS);
        assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of(OperatorConfig.LOG_FORMAT, "xml")))
                .hasMessage(OperatorConfig.LOG_FORMAT + " must be one of [json, text], was: xml");
        assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of(OperatorConfig.LOG_LEVEL, "loud")))
                .hasMessageContaining(OperatorConfig.LOG_LEVEL);
    }

    @Test
    void logSettingsAcceptAnyCase() {
        OperatorConfig.fromEnv(Map.of(OperatorConfig.LOG_LEVEL, "DEBUG", OperatorConfig.LOG_FORMAT, "Text"));
    }
}
