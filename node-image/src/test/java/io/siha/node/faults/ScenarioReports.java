package io.siha.node.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every scenario's {@link ScenarioReport} goes, for {@link FailoverSoak} to collect after it has run the fault
 * tests in its own JVM. A static collector because the tests are run by the JUnit launcher, which gives the program
 * no handle on the test instances; under surefire nobody drains it and the few reports are simply dropped with the
 * JVM.
 */
final class ScenarioReports {

    private static final List<ScenarioReport> reports = new ArrayList<>();

    private ScenarioReports() {
    }

    static synchronized void add(ScenarioReport report) {
        reports.add(report);
    }

    /** The reports added since the last call, oldest first. */
    static synchronized List<ScenarioReport> drain() {
        List<ScenarioReport> drained = List.copyOf(reports);
        reports.clear();
        return drained;
    }
}
