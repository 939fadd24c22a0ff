package io.siha.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.MonitoringSpec;
import io.siha.api.v1alpha1.PodMonitorSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterStatus;
import io.siha.e2e.PrometheusOperatorCrds;
import io.siha.node.demo.Demo;
import io.siha.node.demo.OutputReceiver;
import io.siha.node.monitoring.MonitoringFiles;
import io.siha.node.monitoring.MonitoringQueries;
import io.siha.node.monitoring.MonitoringQuery;
import io.siha.node.testing.PrometheusBinaries;
import io.siha.node.testing.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard and the alerts against what a real Prometheus scraped from a real node pair and the real operator on
 * the mock Kubernetes: the pair's SiHaCluster asks for a PodMonitor, and Prometheus scrapes the targets that
 * PodMonitor stands for (as the Prometheus Operator would configure it) and the operator's /metrics (as the chart's
 * ServiceMonitor would). Every metric and label the dashboard and the rules use exists in what was scraped, from the
 * process that exports it; every dashboard query returns data; every rule evaluates without error; a healthy pair
 * fires no alert. So neither can rot when a metric is renamed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringAgainstPrometheusTest {

    private static final Logger log = LoggerFactory.getLogger(MonitoringAgainstPrometheusTest.class);
    private static final String PAIR = "obs";
    private static final String OPERATOR_JOB = "si-ha-operator";
    private static final String OPERATOR_METRIC_PREFIX = "operator_sdk_";
    /** The labels a Kubernetes scrape puts on every series of a pod (the PodMonitor's and ServiceMonitor's). */
    private static final Set<String> TARGET_LABELS = Set.of("namespace", "pod");

    private MockCluster kube;
    private OutputReceiver alerts;
    private CountingTraffic traffic;
    private PrometheusServer prometheus;

    @BeforeAll
    void scrapeAPairAndTheOperatorWithTraffic() throws Exception {
        Path binary = PrometheusBinaries.prometheus().orElse(null);
        Assumptions.assumeTrue(binary != null, PrometheusBinaries.MISSING);
        kube = new MockCluster(getClass().getSimpleName());
        PrometheusOperatorCrds.registerPodMonitor(kube.client());
        alerts = new OutputReceiver();
        SiHaCluster cluster = kube.counterCluster(PAIR, 200);
        cluster.getSpec().getApps().setInline(List.of(new InlineSiddhiApp("counter",
                Demo.countingAppWithAlerts(alerts.url(), "amount % 100 == 0"))));
        MonitoringSpec monitoring = new MonitoringSpec();
        monitoring.setPodMonitor(new PodMonitorSpec());
        cluster.getSpec().setMonitoring(monitoring);
        kube.apply(cluster);

        await("pair " + PAIR + " running; logs in " + kube.workDirectory()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(this::pairRuns);
        PodMonitor monitor = kube.client().resources(PodMonitor.class).inNamespace(kube.namespace()).withName(PAIR)
                .get();
        assertThat(monitor).as("the PodMonitor the spec asks for").isNotNull();
        List<PrometheusServer.Target> targets = new ArrayList<>(PodMonitorTargets.of(monitor, kube.podsOf(PAIR)));
        assertThat(targets).as("the PodMonitor's targets: both pods").hasSize(2);
        targets.add(new PrometheusServer.Target(OPERATOR_JOB, kube.operatorHealthAddress(), "/metrics",
                Map.of("namespace", "si-ha-system", "pod", "si-ha-operator-0")));
        prometheus = PrometheusServer.start(binary, targets, List.of(MonitoringFiles.rules()));

        traffic = new CountingTraffic(new IngestThroughService(kube.services(), PAIR), "obs");
        traffic.startInBackground();
        // Every target up, and with traffic flowing, scrapes (1 s apart) enough for every rate window (20 s) to hold
        // several samples of every series: a rate needs two, a longer wait only fills the windows further.
        await().atMost(Duration.ofSeconds(60)).until(() -> prometheus.query("up == 1").size() == targets.size());
        await().atMost(Duration.ofSeconds(60)).until(() -> traffic.acknowledged() >= 1_000);
        Thread.sleep(8_000);
    }

    @AfterAll
    void stop() throws Exception {
        if (traffic != null) {
            traffic.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (kube != null) {
            kube.close();
        }
        if (alerts != null) {
            alerts.close();
        }
    }

    @Test
    void everyMetricAndLabelTheDashboardAndTheRulesUseWasScrapedFromTheProcessThatExportsIt() {
        Map<String, Set<String>> metricsByJob = new TreeMap<>();
        Set<String> labels = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (MonitoringQuery query : MonitoringQueries.all()) {
            assertThat(query.metrics()).as(query.where() + " names a metric").isNotEmpty();
            for (String metric : query.metrics()) {
                Map<String, Set<String>> labelsByJob = labelsByJob(metric);
                if (labelsByJob.isEmpty()) {
                    missing.add(query.where() + ": metric " + metric + " was not scraped");
                    continue;
                }
                String job = exporter(metric);
                Set<String> scraped = labelsByJob.get(job);
                if (scraped == null) {
                    missing.add(query.where() + ": metric " + metric + " was scraped from " + labelsByJob.keySet()
                            + " but not from " + job);
                    continue;
                }
                metricsByJob.computeIfAbsent(job, j -> new TreeSet<>()).add(metric);
                for (String label : query.labels()) {
                    labels.add(label);
                    if (appliesTo(label, metric) && !scraped.contains(label)) {
                        missing.add(query.where() + ": " + metric + " from " + job + " has no label " + label
                                + " (it has " + scraped + ")");
                    }
                }
            }
        }
        metricsByJob.forEach((job, metrics) -> log.info("the dashboard and the rules use {} metrics of job {}, all"
                + " scraped from it: {}", metrics.size(), job, metrics));
        log.info("{} labels, all on the series that use them: {}", labels.size(), labels);
        assertThat(missing).isEmpty();
        assertThat(metricsByJob).as("metrics read from the nodes and from the operator")
                .containsKeys(kube.namespace() + "/" + PAIR, OPERATOR_JOB);
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
            Map<String, String> health = new TreeMap<>();
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
    void aHealthyPairAndOperatorFireNoAlert() {
        Set<String> firing = new HashSet<>();
        prometheus.api("alerts", Map.of()).path("alerts").forEach(a -> {
            if (!a.path("labels").path("severity").asText().equals("info")) {
                firing.add(a.path("labels").path("alertname").asText() + " " + a.path("state").asText());
            }
        });
        assertThat(firing).isEmpty();
    }

    /**
     * The job whose series a metric of the dashboard or the rules must come from: the operator's for JOSDK's reconcile
     * metrics (operator_sdk_*), which only it exports; the pair's PodMonitor's for every other, all of which the
     * queries select by a pair's namespace and siha_cluster, which only the nodes' series carry.
     */
    private String exporter(String metric) {
        return metric.startsWith(OPERATOR_METRIC_PREFIX) ? OPERATOR_JOB : kube.namespace() + "/" + PAIR;
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

    /** For each job that exported {@code metric}, the labels of its series. */
    private Map<String, Set<String>> labelsByJob(String metric) {
        Map<String, Set<String>> labels = new TreeMap<>();
        prometheus.series(metric).forEach(series -> {
            Set<String> of = labels.computeIfAbsent(series.path("job").asText(), j -> new TreeSet<>());
            series.fieldNames().forEachRemaining(of::add);
        });
        return labels;
    }

    private boolean pairRuns() {
        SiHaClusterStatus status = kube.cluster(PAIR).map(SiHaCluster::getStatus).orElse(null);
        return status != null && status.getActivePod() != null && status.getPassivePod() != null
                && kube.pod(status.getActivePod()).map(NodeStatusReader::isActiveWithPassive).orElse(false);
    }
}
