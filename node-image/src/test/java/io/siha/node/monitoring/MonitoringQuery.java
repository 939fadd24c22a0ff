package io.siha.node.monitoring;

import java.util.Set;
import java.util.TreeSet;

/**
 * One PromQL expression of the rules or the dashboard, with the labels its consumer reads from the result (an
 * alert's annotations, a panel's legend) on top of those the expression names.
 *
 * @param where         the alert or panel, for messages
 * @param expr          the expression, dashboard variables substituted
 * @param resultLabels  labels read from the result
 */
public record MonitoringQuery(String where, String expr, Set<String> resultLabels) {

    public Set<String> metrics() {
        return PromQl.metrics(expr);
    }

    /** Every label the query depends on. */
    public Set<String> labels() {
        Set<String> all = new TreeSet<>(PromQl.labels(expr));
        all.addAll(resultLabels);
        return all;
    }
}
