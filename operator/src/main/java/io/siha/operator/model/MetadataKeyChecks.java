package io.siha.operator.model;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels and annotations a spec puts on objects of the pair (the pods, the ServiceAccount, the PodMonitor): keys
 * and label values the API server would refuse, and keys that are the operator's, each a problem on {@code field}.
 */
final class MetadataKeyChecks {

    static final String OPERATOR_KEY_PREFIX = "siha.io/";

    // Kubernetes' rules for what the API server would refuse.
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$");
    private static final int MAX_SUBDOMAIN = 253;

    private MetadataKeyChecks() {
    }

    /** Label keys and values; a key of the labels the operator sets on every object is refused too. */
    static void labels(String field, Map<String, String> labels, List<SpecProblem> problems) {
        check(field, labels, true, problems);
    }

    static void annotations(String field, Map<String, String> annotations, List<SpecProblem> problems) {
        check(field, annotations, false, problems);
    }

    static boolean dnsSubdomain(String name) {
        return name.length() <= MAX_SUBDOMAIN && DNS_SUBDOMAIN.matcher(name).matches();
    }

    private static void check(String field, Map<String, String> entries, boolean labels, List<SpecProblem> problems) {
        if (entries == null) {
            return;
        }
        entries.forEach((key, value) -> {
            if (key.startsWith(OPERATOR_KEY_PREFIX)) {
                problems.add(new SpecProblem(field, key + ": siha.io/ keys are the operator's and the nodes', which"
                        + " route on them and keep their state there"));
            } else if (labels && OwnedMetadata.labelKeys().contains(key)) {
                problems.add(new SpecProblem(field, key + " is a label the operator sets on every object of the pair"));
            } else if (!qualifiedName(key)) {
                problems.add(new SpecProblem(field, key + ": must be a name of at most 63 letters, digits, '-', '_'"
                        + " and '.', with an optional DNS subdomain and '/' before it"));
            } else if (labels && value != null && !value.isEmpty() && !QUALIFIED_NAME.matcher(value).matches()) {
                problems.add(new SpecProblem(field, key + "=" + value + ": a label value has at most 63 letters,"
                        + " digits, '-', '_' and '.', beginning and ending with a letter or digit"));
            }
        });
    }

    /** A label or annotation key as Kubernetes takes it: {@code name} or {@code dns.subdomain/name}. */
    static boolean qualifiedName(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return QUALIFIED_NAME.matcher(key).matches();
        }
        return dnsSubdomain(key.substring(0, slash)) && QUALIFIED_NAME.matcher(key.substring(slash + 1)).matches();
    }
}
