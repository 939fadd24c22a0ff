package io.siha.node.faults;

import io.siha.node.demo.OutputCheck;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The soak's one Markdown table, for the README's Reliability section: a row per scenario with what it injected and
 * measured, and a total row; the failures, if any, listed under it.
 */
final class ReliabilityTable {

    private static final String HEADER = "| scenario | faults injected | acknowledged | lost | duplicated "
            + "| two-active instants (samples) | outputs expected / arrived / lost / repeated (under another id)"
            + " / out of order | key timing |\n|---|---|--:|--:|--:|--:|--:|---|";

    private ReliabilityTable() {
    }

    static void print(List<ScenarioResult> results, PrintStream out) {
        out.println(HEADER);
        for (ScenarioResult result : results) {
            String scenario = cell(result.scenario()) + (result.passed() ? "" : " **FAILED**");
            out.println(result.report().map(r -> row(scenario, cell(r.faults()), r.acknowledged(), r.lost(),
                            r.duplicated(), r.twoActiveInstants(), r.samples(), outputs(r.outputs()),
                            cell(r.keyTiming())))
                    .orElse("| " + scenario + " | (failed before it reported) | | | | | | |"));
        }
        List<ScenarioReport> reports = results.stream().map(ScenarioResult::report).flatMap(Optional::stream)
                .toList();
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println(row("**total**", results.size() + " scenarios, " + failed + " failed",
                reports.stream().mapToLong(ScenarioReport::acknowledged).sum(),
                reports.stream().mapToLong(ScenarioReport::lost).sum(),
                reports.stream().mapToLong(ScenarioReport::duplicated).sum(),
                reports.stream().mapToInt(ScenarioReport::twoActiveInstants).sum(),
                reports.stream().mapToInt(ScenarioReport::samples).sum(),
                outputs(reports.stream().map(ScenarioReport::outputs).flatMap(Optional::stream)
                        .reduce(ReliabilityTable::sum)), ""));
        if (failed > 0) {
            out.println();
            results.stream().filter(r -> !r.passed())
                    .forEach(r -> out.printf("- %s: %s%n", cell(r.scenario()), cell(r.verdict())));
        }
    }

    private static String row(String scenario, String faults, long acknowledged, long lost, long duplicated,
                              int twoActive, int samples, String outputs, String keyTiming) {
        return String.format("| %s | %s | %d | %d | %d | %d (%d) | %s | %s |", scenario, faults, acknowledged, lost,
                duplicated, twoActive, samples, outputs, keyTiming);
    }

    private static String outputs(Optional<OutputCheck> outputs) {
        return outputs.map(o -> String.format("%d / %d / %d / %d (%d) / %d", o.expected(), o.arrived(), o.lost(),
                o.duplicated(), o.underAnotherId(), o.reordered())).orElse("–");
    }

    private static OutputCheck sum(OutputCheck a, OutputCheck b) {
        return new OutputCheck(a.expected() + b.expected(), a.arrived() + b.arrived(), a.lost() + b.lost(),
                a.duplicated() + b.duplicated(), a.underAnotherId() + b.underAnotherId(),
                a.reordered() + b.reordered(), a.unexpected() + b.unexpected());
    }

    /** Text made safe for one table cell: a pipe would end the cell, a line break the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }
}
