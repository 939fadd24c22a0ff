package io.siha.operator.model;

import io.siha.api.v1alpha1.LoadBalancerSpec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of {@code spec.service.loadBalancer} that the API server would otherwise report only as a failing write of
 * the NAME-lb Service: the source ranges must be CIDRs, the class a domain-prefixed name, the annotations' keys valid.
 */
final class LoadBalancerChecks {

    private static final String FIELD = "spec.service.loadBalancer";
    private static final Pattern IPV4_CIDR =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6_CIDR = Pattern.compile("([0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)/(\\d{1,3})");
    private LoadBalancerChecks() {
    }

    static void check(LoadBalancerSpec loadBalancer, List<SpecProblem> problems) {
        if (loadBalancer == null) {
            return;
        }
        List<String> ranges = loadBalancer.getSourceRanges();
        if (ranges != null) {
            for (int i = 0; i < ranges.size(); i++) {
                if (!isCidr(ranges.get(i))) {
                    problems.add(new SpecProblem(FIELD + ".sourceRanges[" + i + "]", "'" + ranges.get(i)
                            + "' is not a CIDR, e.g. 10.0.0.0/16 or 2001:db8::/32"));
                }
            }
        }
        MetadataKeyChecks.annotations(FIELD + ".annotations", loadBalancer.getAnnotations(), problems);
        String loadBalancerClass = loadBalancer.getLoadBalancerClass();
        // Kubernetes takes a class spelled as a label key with its prefix required.
        if (loadBalancerClass != null && !(loadBalancerClass.contains("/")
                && MetadataKeyChecks.qualifiedName(loadBalancerClass))) {
            problems.add(new SpecProblem(FIELD + ".loadBalancerClass", "'" + loadBalancerClass
                    + "' is not a domain-prefixed name, e.g. service.k8s.aws/nlb"));
        }
    }

    static boolean isCidr(String range) {
        if (range == null) {
            return false;
        }
        Matcher v4 = IPV4_CIDR.matcher(range);
        if (v4.matches()) {
            for (int octet = 1; octet <= 4; octet++) {
                if (Integer.parseInt(v4.group(octet)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(5)) <= 32;
        }
        Matcher v6 = IPV6_CIDR.matcher(range);
        if (!v6.matches() || Integer.parseInt(v6.group(2)) > 128) {
            return false;
        }
        try {
            return InetAddress.getByName(v6.group(1)).getAddress().length == 16; // a literal: no name is looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
