package io.siha.operator.model;

/**
 * One Siddhi app of the spec: its file name in the apps ConfigMap ({@code NAME.siddhi}), its text, and where a problem
 * with it is reported: the spec field and how the message names the app ({@code app counter}, or
 * {@code ConfigMap mine key counter.siddhi} for an app from the user's ConfigMap).
 */
record AppFile(String fileName, String siddhi, String field, String label) {

    /** E.g. {@code spec.apps.inline[0].siddhi: app counter does not parse at line 2, ...}. */
    SpecProblem problem(String message) {
        return new SpecProblem(field, label + " " + message);
    }

    /** E.g. {@code ...: app counter, @source(type='http') of stream Orders: port 8006 is ...}. */
    SpecProblem problem(HttpSource source, String message) {
        return new SpecProblem(field, label + ", " + source + ": " + message);
    }
}
