package io.siha.e2e.chart;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest {

    @Test
    void strictLintPasses() {
        LintResult result = ChartUnderTest.lintStrict();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        // Strict lint fails on warnings too; INFO (e.g. "icon is recommended") is all that may remain.
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]")
                || message.contains("[ERROR]"));
    }
}
