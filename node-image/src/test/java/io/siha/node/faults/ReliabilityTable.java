package io.siha.node.faults;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The soak's one Markdown table, for the README's Reliability section: a row per scenario with what it injected and
 * measured, and a total row; the failures, if any, listed under it.
 */
final class ReliabilityTable {

    private static final String HEADER = "| scenario | faults injected | acknowledged | lost | duplicated "
            + "| two-active instants (samples) | key timing |\n|---|---|--:|--:|--:|--:|---|";

    private ReliabilityTable() {
    }

    static void print(List<ScenarioResult> results, PrintStream out) {
        out.println(HEADER);
        for (ScenarioResult result : results) {
            String scenario = cell(result.scenario()) + (result.passed() ? "" : " **FAILED**");
            out.println(result.report().map(r -> row(scenario, cell(r.faults()), r.acknowledged(), r.lost(),
                            r.duplicated(), r.twoActiveInstants(), r.samples(), cell(r.keyTiming())))
                    .orElse("| " + scenario + " | (failed before it reported) | | | | | |"));
        }
        List<ScenarioReport> reports = results.stream().map(ScenarioResult::report).flatMap(Optional::stream)
                .toList();
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println(row("**total**", results.size() + " scenarios, " + failed + " failed",
                reports.stream().mapToLong(ScenarioReport::acknowledged).sum(),
                reports.stream().mapToLong(ScenarioReport::lost).sum(),
                reports.stream().mapToLong(ScenarioReport::duplicated).sum(),
                reports.stream().mapToInt(ScenarioReport::twoActiveInstants).sum(),
                reports.stream().mapToInt(ScenarioReport::samples).sum(), ""));
        if (failed > 0) {
            out.println();
            results.stream().filter(r -> !r.passed())
                    .forEach(r -> out.printf("- %s: %s%n", cell(r.scenario()), cell(r.verdict())));
        }
    }

    private static String row(String scenario, String faults, long acknowledged, long lost, long duplicated,
                              int twoActive, int samples, String keyTiming) {
        return String.format("| %s | %s | %d | %d | %d | %d (%d) | %s |", scenario, faults, acknowledged, lost,
                duplicated, twoActive, samples, keyTiming);
    }

    /** Text made safe for one table cell: a pipe would end the cell, a line break the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }
}
