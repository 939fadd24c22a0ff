package io.siha.node.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void metricsAreTheFamiliesNamedOutsideSelectorsGroupingsAndStrings() {
        String expr = "histogram_quantile(0.99, sum by (siha_cluster, le) (rate(siha_ack_wait_seconds_bucket"
                + "{namespace=~\"siha_fake_.*\", siha_cluster=~\".*\"}[5m]))) / on (siha_cluster) siha_epoch >= 0";
        assertThat(PromQl.metrics(expr)).containsExactly("siha_ack_wait_seconds_bucket", "siha_epoch");
        assertThat(PromQl.labels(expr)).containsExactly("le", "namespace", "siha_cluster");
    }

    @Test
    void everyKindOfMatcherAndGroupingNamesItsLabel() {
        String expr = "sum without (pod) (jvm_memory_used_bytes{area=\"heap\", id!=\"x\", node!~\"a\"}) "
                + "* ignoring (instance) group_left (step) siha_takeover_step_seconds_sum";
        assertThat(PromQl.metrics(expr)).containsExactly("jvm_memory_used_bytes", "siha_takeover_step_seconds_sum");
        assertThat(PromQl.labels(expr)).containsExactly("area", "id", "instance", "node", "pod", "step");
    }

    @Test
    void prometheusOwnUpCountsAsAMetric() {
        assertThat(PromQl.metrics("siha_active and on (namespace, pod) (up == 0)")).containsExactly("siha_active",
                "up");
    }

    @Test
    void theOperatorsReconcileMetricsCountAsMetrics() {
        String expr = "sum by (namespace, pod) (\n  rate(operator_sdk_reconciliations_started_total"
                + "{reconciliations_retries_number!=\"0\"}[5m])\n) > 0";
        assertThat(PromQl.metrics(expr)).containsExactly("operator_sdk_reconciliations_started_total");
        assertThat(PromQl.labels(expr)).containsExactly("namespace", "pod", "reconciliations_retries_number");
    }
}
