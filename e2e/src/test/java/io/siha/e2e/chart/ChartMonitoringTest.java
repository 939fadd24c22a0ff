package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.siha.e2e.Manifests;
import io.siha.e2e.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.siha.e2e.chart.ChartUnderTest.FULL_NAME;
import static io.siha.e2e.chart.ChartUnderTest.RELEASE_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's monitoring objects (values monitoring.*): off by default; when on, a ServiceMonitor that selects the
 * operator's metrics Service, a PrometheusRule that is the rule file promtool checks, and the dashboard's ConfigMap.
 */
class ChartMonitoringTest {

    private static final Path FILES = RepositoryFiles.chart().resolve("files");

    @Test
    void nothingOfItIsRenderedByDefault() {
        assertThat(ChartUnderTest.render().kinds()).doesNotContain("ServiceMonitor", "PrometheusRule", "ConfigMap");
    }

    @Test
    void theServiceMonitorScrapesTheOperatorsMetricsService() {
        RenderedChart chart = ChartUnderTest.render(Map.of("monitoring.serviceMonitor.enabled", "true",
                "monitoring.serviceMonitor.labels.release", "kube-prometheus-stack",
                "monitoring.serviceMonitor.interval", "15s"));
        GenericKubernetesResource monitor = one(chart, "ServiceMonitor");
        Service metrics = chart.one(Service.class);

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Map<String, Object> spec = spec(monitor);
        Map<String, Object> selector = nested(spec, "selector", "matchLabels");
        assertThat(selector).isNotEmpty();
        assertThat(Map.<String, Object>copyOf(metrics.getMetadata().getLabels())).containsAllEntriesOf(selector);
        assertThat(nested(spec, "namespaceSelector")).isEqualTo(Map.of("matchNames", List.of(RELEASE_NAMESPACE)));
        assertThat((List<?>) spec.get("endpoints")).singleElement().isEqualTo(Map.of("port",
                metrics.getSpec().getPorts().get(0).getName(), "path", "/metrics", "interval", "15s"));
    }

    @Test
    void aServiceMonitorWithoutTheMetricsServiceIsRefused() {
        assertThatThrownBy(() -> ChartUnderTest.render(Map.of("monitoring.serviceMonitor.enabled", "true",
                "metrics.service.enabled", "false")))
                .hasMessageContaining("monitoring.serviceMonitor.enabled needs metrics.service.enabled");
    }

    @Test
    void thePrometheusRuleIsTheRuleFilePromtoolChecks() throws IOException {
        GenericKubernetesResource rule = one(ChartUnderTest.render(Map.of("monitoring.prometheusRule.enabled", "true",
                "monitoring.prometheusRule.labels.release", "kube-prometheus-stack")), "PrometheusRule");

        assertThat(rule.getMetadata().getName()).isEqualTo(FULL_NAME + "-pairs");
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(spec(rule)).isEqualTo(Manifests.SERIALIZATION.unmarshal(
                Files.readString(FILES.resolve("prometheus-rules.yaml")), Map.class));
    }

    @Test
    void noPassiveForSetsThatAlertsDurationOnly() throws IOException {
        Map<String, Object> file = Manifests.SERIALIZATION.unmarshal(
                Files.readString(FILES.resolve("prometheus-rules.yaml")), Map.class);
        Map<String, Object> rendered = spec(one(ChartUnderTest.render(Map.of("monitoring.prometheusRule.enabled",
                "true", "monitoring.prometheusRule.noPassiveFor", "12m")), "PrometheusRule"));

        List<Map<String, Object>> before = rules(file);
        List<Map<String, Object>> after = rules(rendered);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            Map<String, Object> expected = new java.util.LinkedHashMap<>(before.get(i));
            if ("SiHaPairWithoutPassive".equals(expected.get("alert"))) {
                assertThat(expected.get("for")).as("the file's own duration").isEqualTo("5m");
                expected.put("for", "12m");
            }
            assertThat(after.get(i)).isEqualTo(expected);
        }
    }

    @Test
    void theDashboardConfigMapCarriesTheSidecarsLabelAndTheDashboard() throws IOException {
        RenderedChart chart = ChartUnderTest.render(Map.of("monitoring.grafanaDashboard.enabled", "true",
                "monitoring.grafanaDashboard.namespace", "grafana",
                "monitoring.grafanaDashboard.annotations.grafana_folder", "si-ha"));
        ConfigMap dashboard = chart.one(ConfigMap.class);

        assertThat(dashboard.getMetadata().getName()).isEqualTo(FULL_NAME + "-dashboard");
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("grafana");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "si-ha");
        assertThat(dashboard.getData()).containsOnlyKeys("si-ha-dashboard.json");
        assertThat(Manifests.SERIALIZATION.unmarshal(dashboard.getData().get("si-ha-dashboard.json"), Map.class))
                .isEqualTo(Manifests.SERIALIZATION.unmarshal(Files.readString(FILES.resolve("si-ha-dashboard.json")),
                        Map.class));
    }

    /**
     * The one object of {@code kind}, read generically: with the Prometheus Operator's model on the class path (the
     * operator's PodMonitor) Fabric8 parses ServiceMonitor and PrometheusRule into its own classes.
     */
    private static GenericKubernetesResource one(RenderedChart chart, String kind) {
        List<GenericKubernetesResource> found = chart.all(io.fabric8.kubernetes.api.model.HasMetadata.class).stream()
                .filter(o -> kind.equals(o.getKind()))
                .map(o -> Manifests.SERIALIZATION.convertValue(o, GenericKubernetesResource.class)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> map, String... keys) {
        Map<String, Object> at = map;
        for (String key : keys) {
            at = (Map<String, Object>) at.get(key);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(Map<String, Object> spec) {
        return (List<Map<String, Object>>) ((List<Map<String, Object>>) spec.get("groups")).get(0).get("rules");
    }
}
