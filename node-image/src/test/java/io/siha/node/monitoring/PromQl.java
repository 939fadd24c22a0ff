package io.siha.node.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric and label names a PromQL expression uses, read well enough for the expressions of our own rules and
 * dashboard (a check that they exist, not a parser): metrics are the names of the families the node and the JVM
 * export ({@code siha_}, {@code jvm_}, {@code process_}, {@code hikaricp_}, {@code netty_}) and Prometheus' own
 * {@code up}; labels are those of
 * selectors and of {@code by}, {@code without}, {@code on} and {@code ignoring} lists.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern METRIC = Pattern.compile(
            "\\b(?:(?:siha|jvm|process|hikaricp|netty|operator_sdk)_[a-zA-Z0-9_]*[a-zA-Z0-9]|up)\\b");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private PromQl() {
    }

    static Set<String> metrics(String expr) {
        String bare = GROUPING.matcher(SELECTOR.matcher(STRING.matcher(expr).replaceAll("\"\""))
                .replaceAll("{}")).replaceAll("()");
        return all(METRIC.matcher(bare));
    }

    static Set<String> labels(String expr) {
        String noStrings = STRING.matcher(expr).replaceAll("\"\"");
        Set<String> labels = new TreeSet<>();
        Matcher selectors = SELECTOR.matcher(noStrings);
        while (selectors.find()) {
            labels.addAll(all(MATCHER_LABEL.matcher(selectors.group(1)), 1));
        }
        Matcher groupings = GROUPING.matcher(noStrings);
        while (groupings.find()) {
            labels.addAll(all(NAME.matcher(groupings.group(1))));
        }
        return labels;
    }

    private static Set<String> all(Matcher matcher) {
        return all(matcher, 0);
    }

    private static Set<String> all(Matcher matcher, int group) {
        Set<String> found = new TreeSet<>();
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }
}
