package io.siha.operator.model;

import io.siha.api.v1alpha1.LoggingSpec;
import io.siha.api.v1alpha1.MonitoringSpec;
import io.siha.api.v1alpha1.PodMonitorSpec;

import java.util.Map;

/** spec.monitoring and spec.logging as tests write them. */
public final class ObservabilitySpecs {

    private ObservabilitySpecs() {
    }

    /** Asks for a PodMonitor; {@code interval} and {@code labels} may be null (unset). */
    public static MonitoringSpec monitoring(String interval, Map<String, String> labels) {
        PodMonitorSpec podMonitor = new PodMonitorSpec();
        podMonitor.setInterval(interval);
        podMonitor.setLabels(labels);
        MonitoringSpec monitoring = new MonitoringSpec();
        monitoring.setPodMonitor(podMonitor);
        return monitoring;
    }

    public static LoggingSpec logging(String level, String format) {
        LoggingSpec logging = new LoggingSpec();
        logging.setLevel(level);
        logging.setFormat(format);
        return logging;
    }
}
