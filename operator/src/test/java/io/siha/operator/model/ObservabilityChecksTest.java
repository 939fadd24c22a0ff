package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.siha.api.v1alpha1.LoggingSpec;
import io.siha.api.v1alpha1.MonitoringSpec;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** spec.monitoring and spec.logging through SpecResolver: what is accepted, each bad value a problem on its field. */
class ObservabilityChecksTest {

    private final SiHaClusterSpec spec = TestClusters.cluster("orders").getSpec();
    private final Optional<Secret> password = Optional.of(TestClusters.passwordSecret("pw"));

    @ParameterizedTest
    @ValueSource(strings = {"30s", "1m", "1m30s", "500ms", "2h", "0"})
    void aPrometheusDurationIsAnInterval(String interval) {
        spec.setMonitoring(ObservabilitySpecs.monitoring(interval, Map.of("release", "kube-prometheus-stack")));
        assertThat(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty()))
                .isInstanceOf(SpecResolution.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "30 s", "1.5m", "PT30S", "", "s", "-1s"})
    void anythingElseIsRefusedOnTheIntervalField(String interval) {
        spec.setMonitoring(ObservabilitySpecs.monitoring(interval, null));
        assertThat(problems()).containsExactly("spec.monitoring.podMonitor.interval: '" + interval
                + "' is not a Prometheus duration such as 30s, 1m or 1m30s");
    }

    @Test
    void podMonitorLabelsMayNotBeBadOrTheOperators() {
        spec.setMonitoring(ObservabilitySpecs.monitoring(null, Map.of("bad key!", "x")));
        assertThat(problems()).singleElement().asString()
                .startsWith("spec.monitoring.podMonitor.labels: bad key!: must be a name of at most 63");
        spec.setMonitoring(ObservabilitySpecs.monitoring(null, Map.of("release", "not a value")));
        assertThat(problems()).singleElement().asString()
                .startsWith("spec.monitoring.podMonitor.labels: release=not a value: a label value has at most 63");
        spec.setMonitoring(ObservabilitySpecs.monitoring(null, Map.of("app.kubernetes.io/instance", "other")));
        assertThat(problems()).containsExactly("spec.monitoring.podMonitor.labels: app.kubernetes.io/instance is a"
                + " label the operator sets on every object of the pair");
        spec.setMonitoring(ObservabilitySpecs.monitoring(null, Map.of("siha.io/cluster", "other")));
        assertThat(problems()).singleElement().asString()
                .startsWith("spec.monitoring.podMonitor.labels: siha.io/cluster: siha.io/ keys are the operator's");
    }

    @Test
    void scrapeFromNeedsPeersThatNameASource() {
        MonitoringSpec monitoring = new MonitoringSpec();
        monitoring.setScrapeFrom(List.of());
        spec.setMonitoring(monitoring);
        assertThat(problems()).containsExactly("spec.monitoring.scrapeFrom: must list at least one peer, or be left"
                + " out to allow only the pair's namespace");
        monitoring.setScrapeFrom(List.of(new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", "monitoring").endNamespaceSelector().build(),
                new NetworkPolicyPeer()));
        assertThat(problems()).containsExactly(
                "spec.monitoring.scrapeFrom[1]: needs a podSelector, a namespaceSelector or an ipBlock");
    }

    @Test
    void everyLevelAndFormatTheNodeTakesIsAccepted() {
        for (String level : LoggingSpec.LEVELS) {
            for (String format : LoggingSpec.FORMATS) {
                spec.setLogging(ObservabilitySpecs.logging(level, format));
                assertThat(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty()))
                        .as(level + " " + format).isInstanceOf(SpecResolution.Valid.class);
            }
        }
    }

    @Test
    void anUnknownLevelOrFormatIsRefusedOnItsField() {
        spec.setLogging(ObservabilitySpecs.logging("verbose", "logfmt"));
        assertThat(problems()).containsExactly(
                "spec.logging.level: 'verbose' is not one of trace, debug, info, warn, error (lower case)",
                "spec.logging.format: 'logfmt' is not one of json, text (lower case)");
        spec.setLogging(ObservabilitySpecs.logging("INFO", null));
        assertThat(problems()).containsExactly(
                "spec.logging.level: 'INFO' is not one of trace, debug, info, warn, error (lower case)");
    }

    private List<String> problems() {
        SpecResolution resolution = SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty());
        assertThat(resolution).isInstanceOf(SpecResolution.Invalid.class);
        return ((SpecResolution.Invalid) resolution).problems().stream().map(SpecProblem::toString).toList();
    }
}
