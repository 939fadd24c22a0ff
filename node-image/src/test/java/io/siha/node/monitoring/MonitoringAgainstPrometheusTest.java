package io.siha.node.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.node.demo.Demo;
import io.siha.node.demo.LocalNode;
import io.siha.node.demo.OutputReceiver;
import io.siha.node.testing.LocalPair;
import io.siha.node.testing.PrometheusBinaries;
import io.siha.node.testing.PrometheusServer;
import io.siha.node.testing.Traffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard and the alerts against what a real Prometheus scraped from a real node pair, with traffic and a sink:
 * every metric and label they use exists there, every dashboard query returns data, and every rule evaluates without
 * error. So neither can rot when a metric is renamed.
 */
class MonitoringAgainstPrometheusTest {

    private static final Logger log = LoggerFactory.getLogger(MonitoringAgainstPrometheusTest.class);
    private static final String NAMESPACE = "monitoring-test";
    /** The labels a Kubernetes scrape puts on every series of a pod (the PodMonitor's defaults). */
    private static final Set<String> TARGET_LABELS = Set.of("namespace", "pod");

    private static OutputReceiver alerts;
    private static LocalPair pair;
    private static Traffic traffic;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void scrapeAPairWithTraffic() throws Exception {
        Path binary = PrometheusBinaries.prometheus().orElse(null);
        Assumptions.assumeTrue(binary != null, PrometheusBinaries.MISSING);
        alerts = new OutputReceiver();
        pair = LocalPair.builder("obs").app(LocalPair.COUNTING_APP_FILE,
                Demo.countingAppWithAlerts(alerts.url(), "amount % 100 == 0")).build().start();
        pair.awaitWhole(Duration.ofSeconds(60));
        traffic = new Traffic(pair);
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (LocalNode node : pair.nodes()) {
            targets.add(new PrometheusServer.Target(node.restUrl().substring("http://".length()),
                    Map.of("namespace", NAMESPACE, "pod", node.id())));  // TARGET_LABELS
        }
        prometheus = PrometheusServer.start(binary, targets, List.of(MonitoringFiles.rules()));
        // Both targets up, and enough scrapes for the dashboard's rate windows (20 s) and alert windows to fill.
        await().atMost(Duration.ofSeconds(60)).until(() -> prometheus.query("up == 1").size() == 2);
        traffic.awaitMore(1_000, Duration.ofSeconds(60));
        Thread.sleep(25_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (traffic != null) {
            traffic.stop();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (pair != null) {
            pair.close();
        }
        if (alerts != null) {
            alerts.close();
        }
    }

    @Test
    void everyMetricAndLabelTheDashboardAndTheRulesUseWasScraped() {
        Set<String> metrics = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (MonitoringQuery query : MonitoringQueries.all()) {
            assertThat(query.metrics()).as(query.where() + " names a metric").isNotEmpty();
            for (String metric : query.metrics()) {
                metrics.add(metric);
                Set<String> scrapedLabels = labelsOf(metric);
                if (scrapedLabels.isEmpty()) {
                    missing.add(query.where() + ": metric " + metric + " was not scraped");
                    continue;
                }
                for (String label : query.labels()) {
                    labels.add(label);
                    if (appliesTo(label, metric) && !scrapedLabels.contains(label)) {
                        missing.add(query.where() + ": " + metric + " has no label " + label + " (it has "
                                + scrapedLabels + ")");
                    }
                }
            }
        }
        log.info("the dashboard and the rules use {} metrics and {} labels, all scraped: {} {}", metrics.size(),
                labels.size(), metrics, labels);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyDashboardQueryReturnsData() {
        List<String> empty = new ArrayList<>();
        for (MonitoringQuery query : MonitoringQueries.dashboard()) {
            if (query.where().startsWith("variable ")) {
                continue; // label_values() is Grafana's, not PromQL; its metric and label are checked above
            }
            if (prometheus.query(query.expr()).isEmpty()) {
                empty.add(query.where() + ": " + query.expr());
            }
        }
        assertThat(empty).isEmpty();
    }

    @Test
    void everyRuleIsLoadedAndEvaluatesWithoutError() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> health = new java.util.TreeMap<>();
            for (JsonNode group : prometheus.api("rules", Map.of()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    health.put(rule.path("name").asText(), rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                }
            }
            assertThat(health.keySet()).containsExactlyInAnyOrderElementsOf(MonitoringQueries.alertNames());
            assertThat(health.values()).allSatisfy(h -> assertThat(h).startsWith("ok"));
        });
    }

    @Test
    void aHealthyPairFiresNoAlert() {
        Set<String> firing = new HashSet<>();
        prometheus.api("alerts", Map.of()).path("alerts").forEach(a -> {
            if (!a.path("labels").path("severity").asText().equals("info")) {
                firing.add(a.path("labels").path("alertname").asText() + " " + a.path("state").asText());
            }
        });
        assertThat(firing).isEmpty();
    }

    /**
     * Whether {@code metric} must carry {@code label}: every label an expression names is on each of its metrics,
     * except bucket bounds, which are the histograms' buckets only, and Prometheus' {@code up}, a target's own series,
     * which the rules join to a pair's series by the target labels alone.
     */
    private static boolean appliesTo(String label, String metric) {
        if (metric.equals("up")) {
            return TARGET_LABELS.contains(label);
        }
        return !label.equals("le") || metric.endsWith("_bucket");
    }

    private static Set<String> labelsOf(String metric) {
        Set<String> labels = new TreeSet<>();
        prometheus.series(metric).forEach(series -> series.fieldNames().forEachRemaining(labels::add));
        return labels;
    }
}
