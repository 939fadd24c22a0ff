package io.siha.node.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.node.testing.PrometheusBinaries;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped alert rules through promtool, and their unit tests and runbooks. */
class PrometheusRulesTest {

    @Test
    void promtoolChecksTheRules() throws Exception {
        String out = promtool("check", "rules", MonitoringFiles.rules().toString());
        assertThat(out).contains("SUCCESS: " + MonitoringQueries.alertNames().size() + " rules found");
    }

    @Test
    void promtoolRunsTheRulesUnitTests() throws Exception {
        assertThat(promtool("test", "rules", MonitoringFiles.ruleTests().toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTestThatSeesItFire() {
        Set<String> firedInTests = new TreeSet<>();
        for (JsonNode test : MonitoringQueries.readYaml(MonitoringFiles.ruleTests()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    firedInTests.add(check.path("alertname").asText());
                }
            }
        }
        assertThat(firedInTests).containsExactlyInAnyOrderElementsOf(MonitoringQueries.alertNames());
    }

    @Test
    void everyAlertHasARunbookInTheReadme() throws IOException {
        String readme = Files.readString(MonitoringFiles.readme());
        for (String alert : MonitoringQueries.alertNames()) {
            assertThat(readme).as("README runbook of " + alert).contains("\n#### " + alert + "\n");
        }
    }

    /** promtool's output; fails unless it exits 0. */
    private static String promtool(String... args) throws Exception {
        Path binary = PrometheusBinaries.promtool().orElse(null);
        Assumptions.assumeTrue(binary != null, PrometheusBinaries.MISSING);
        String[] command = new String[args.length + 1];
        command[0] = binary.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
