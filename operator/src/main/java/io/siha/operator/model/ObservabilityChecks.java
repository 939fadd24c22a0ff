package io.siha.operator.model;

import io.siha.api.v1alpha1.LoggingSpec;
import io.siha.api.v1alpha1.MonitoringSpec;
import io.siha.api.v1alpha1.PodMonitorSpec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code spec.monitoring} and {@code spec.logging}, checked again for a server without schema validation: a bad
 * interval would be refused by the Prometheus Operator's schema on the PodMonitor write, a bad level or format would
 * stop both nodes at start (they refuse an unknown SIHA_LOG_LEVEL or SIHA_LOG_FORMAT), far from the field either way.
 */
final class ObservabilityChecks {

    private static final Pattern DURATION = Pattern.compile(PodMonitorSpec.DURATION);

    private ObservabilityChecks() {
    }

    static void check(MonitoringSpec monitoring, LoggingSpec logging, List<SpecProblem> problems) {
        if (monitoring != null) {
            podMonitor(monitoring.getPodMonitor(), problems);
            PeerChecks.check("spec.monitoring.scrapeFrom", monitoring.getScrapeFrom(),
                    "allow only the pair's namespace", problems);
        }
        if (logging != null) {
            oneOf("spec.logging.level", logging.getLevel(), LoggingSpec.LEVELS, problems);
            oneOf("spec.logging.format", logging.getFormat(), LoggingSpec.FORMATS, problems);
        }
    }

    private static void podMonitor(PodMonitorSpec podMonitor, List<SpecProblem> problems) {
        if (podMonitor == null) {
            return;
        }
        String interval = podMonitor.getInterval();
        if (interval != null && (interval.isEmpty() || !DURATION.matcher(interval).matches())) {
            problems.add(new SpecProblem("spec.monitoring.podMonitor.interval", "'" + interval
                    + "' is not a Prometheus duration such as 30s, 1m or 1m30s"));
        }
        MetadataKeyChecks.labels("spec.monitoring.podMonitor.labels", podMonitor.getLabels(), problems);
    }

    private static void oneOf(String field, String value, List<String> choices, List<SpecProblem> problems) {
        if (value != null && !choices.contains(value)) {
            problems.add(new SpecProblem(field, "'" + value + "' is not one of " + String.join(", ", choices)
                    + " (lower case)"));
        }
    }
}
