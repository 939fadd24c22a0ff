package io.siha.node.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one scenario ended in the soak: what it measured, if it got as far as its {@link FaultRig#report}, and why it
 * failed, if it did. A scenario that failed before reporting has a name and a failure only.
 */
record ScenarioResult(String scenario, Optional<ScenarioReport> report, Optional<String> failure) {

    /** Whether the scenario passed and its figures are clean (the tests assert that, but the soak does not rely on it). */
    boolean passed() {
        return failure.isEmpty() && report.map(ScenarioReport::clean).orElse(false);
    }

    /** "passed", or "FAILED: " and why: the failure, or else the figures that are not clean. */
    String verdict() {
        return passed() ? "passed" : "FAILED: " + failure.orElse("lost, duplicated or two-active events measured");
    }

    /**
     * The results of one run (a test, or the soak's SIGKILL rounds): one per report it made, the failure, if any, on
     * the last, since a failure ends a run; a run that made no report is one result named {@code run}, failed.
     */
    static List<ScenarioResult> of(String run, List<ScenarioReport> reports, Optional<String> failure) {
        if (reports.isEmpty()) {
            return List.of(new ScenarioResult(run, Optional.empty(),
                    Optional.of(failure.orElse("passed without a report (does it end with FaultRig.finish?)"))));
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ScenarioReport report = reports.get(i);
            boolean last = i == reports.size() - 1;
            results.add(new ScenarioResult(report.scenario(), Optional.of(report),
                    last ? failure : Optional.empty()));
        }
        return results;
    }

    /** A failure in one line, for the table: the exception's type and its message's first line. */
    static String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip().lines().findFirst().orElse("");
        return failure.getClass().getSimpleName() + ": " + message;
    }
}
