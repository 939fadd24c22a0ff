package io.siha.node.faults;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fault tests of this package, run once in this JVM by the JUnit Platform launcher, with each test's
 * {@link ScenarioReport}s collected as it ends. Every {@code *Test} class of the package is a fault scenario except
 * {@link SigkillTimelineTest}: that is the soak's own SIGKILL rounds cut to ten, which the soak runs at full length.
 * Selecting by package rather than by a list means a new fault test is in the soak without anyone remembering.
 */
final class FaultSuite {

    private FaultSuite() {
    }

    /** Runs the fault tests, printing a line as each ends; returns one result per scenario, in the order run. */
    static List<ScenarioResult> run(PrintStream progress) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(FaultSuite.class.getPackageName()))
                .filters(ClassNameFilter.includeClassNamePatterns(".*Test"),
                        ClassNameFilter.excludeClassNamePatterns(Pattern.quote(SigkillTimelineTest.class.getName())),
                        // The fault tests are Jupiter tests: no other engine that may be on the classpath is asked.
                        EngineFilter.includeEngines("junit-jupiter"))
                .build();
        Collector collector = new Collector(progress);
        LauncherFactory.create().execute(request, collector);
        return collector.results;
    }

    /** Turns the launcher's events into results: a test's reports are those added between its start and its end. */
    private static final class Collector implements TestExecutionListener {

        private final PrintStream progress;
        private final List<ScenarioResult> results = new ArrayList<>();

        Collector(PrintStream progress) {
            this.progress = progress;
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            if (identifier.isTest()) {
                ScenarioReports.drain(); // nothing before this test's start is its own
            }
        }

        @Override
        public void executionSkipped(TestIdentifier identifier, String reason) {
            // The table claims every scenario ran once: a skipped one is a failure of the soak.
            add(identifier, List.of(), Optional.of("not run: " + reason));
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
            if (identifier.isTest() || failed) { // a failed container (class set-up) is a failed scenario too
                result.getThrowable().ifPresent(Throwable::printStackTrace); // the table has room for one line only
                Optional<String> failure = failed ? Optional.of(result.getThrowable().map(ScenarioResult::describe)
                        .orElse(result.getStatus().toString())) : Optional.empty();
                add(identifier, identifier.isTest() ? ScenarioReports.drain() : List.of(), failure);
            }
        }

        private void add(TestIdentifier identifier, List<ScenarioReport> reports, Optional<String> failure) {
            List<ScenarioResult> ended = ScenarioResult.of(name(identifier), reports, failure);
            for (ScenarioResult result : ended) {
                progress.printf("soak: scenario \"%s\" %s%n", result.scenario(), result.verdict());
            }
            results.addAll(ended);
        }

        /** Class and method, for a scenario that failed before it could report under its own name. */
        private static String name(TestIdentifier identifier) {
            return identifier.getSource()
                    .filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(m -> m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "."
                            + m.getMethodName())
                    .orElse(identifier.getDisplayName());
        }
    }
}
