package io.siha.e2e.chart;

import io.siha.operator.OperatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.siha.e2e.chart.ChartUnderTest.FULL_NAME;
import static io.siha.e2e.chart.ChartUnderTest.RELEASE_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's RBAC grants exactly what the operator uses. The operator is not described here by hand: the real one
 * runs against a recording API server ({@link RecordedOperatorRun}), and its requests are checked against the grants
 * the chart renders, both ways. A new API call in the operator fails the first test until the chart grants it; a
 * grant the operator stops using fails the second until it is removed (or explained below).
 */
class OperatorRbacTest {

    /** How the chart is installed, and the operator configured from the Deployment that install renders. */
    enum Install {
        CLUSTER_WIDE(Map.of()),
        NAMESPACED(Map.of("watchNamespaces[0]", RecordedOperatorRun.CLUSTER_NAMESPACE));

        final Map<String, String> values;

        Install(Map<String, String> values) {
            this.values = values;
        }

        RenderedChart chart() {
            return ChartUnderTest.render(values);
        }

        ChartRbac rbac() {
            return new ChartRbac(chart(), FULL_NAME, RELEASE_NAMESPACE);
        }

        OperatorConfig operatorConfig() {
            Map<String, String> env = new HashMap<>(new OperatorContainer(chart()).literalEnv());
            env.put(OperatorConfig.NAMESPACE, RELEASE_NAMESPACE); // the downward API's metadata.namespace
            return OperatorConfig.fromEnv(env);
        }
    }

    /** Requests every authenticated user may make under Kubernetes' default RBAC (ClusterRole system:basic-user). */
    private static final Set<String> GRANTED_BY_KUBERNETES = Set.of(
            "create authorization.k8s.io/selfsubjectrulesreviews");

    /**
     * Grants no request of the recorded run shows, each with why the operator needs it. Keep this list short: an
     * entry is a claim the test cannot check.
     */
    private static final Map<String, String> NEEDED_WITHOUT_A_REQUEST = Map.of(
            "update coordination.k8s.io/leases",
            "JOSDK checks at start (SelfSubjectRulesReview) that it may create, update and get its Lease, and refuses"
                    + " to start otherwise; the recorded run answers that check with the chart's grants",
            "update siha.io/sihaclusters/finalizers",
            "owner references with blockOwnerDeletion need it where the OwnerReferencesPermissionEnforcement admission"
                    + " plugin runs (OpenShift and some managed clusters)");

    private static final Map<Install, List<ApiRequest>> RECORDINGS = new EnumMap<>(Install.class);

    private static synchronized List<ApiRequest> recording(Install install) {
        return RECORDINGS.computeIfAbsent(install, i ->
                RecordedOperatorRun.record(i.operatorConfig(), i.rbac(), RELEASE_NAMESPACE));
    }

    @ParameterizedTest
    @EnumSource(Install.class)
    void everyRequestOfTheOperatorIsGrantedByTheChart(Install install) {
        ChartRbac rbac = install.rbac();
        List<ApiRequest> requests = recording(install);

        assertThat(requests).as("the run exercised leader election, pod repair and object repair")
                .extracting(ApiRequest::verb).contains("list", "watch", "get", "create", "update", "patch", "delete");
        assertThat(requests.stream()
                .filter(request -> !GRANTED_BY_KUBERNETES.contains(request.verb() + " " + groupResource(request)))
                .filter(request -> !rbac.allows(request))
                .map(ApiRequest::toString).distinct().sorted())
                .as("requests the chart's RBAC would refuse").isEmpty();
    }

    @Test
    void everyGrantOfTheChartIsUsedOrExplained() {
        Set<String> used = new TreeSet<>();
        recording(Install.CLUSTER_WIDE).forEach(request -> used.add(request.verb() + " " + groupResource(request)));
        Set<String> granted = new TreeSet<>();
        for (ChartRbac.Grant grant : Install.CLUSTER_WIDE.rbac().grants()) {
            for (String group : grant.rule().getApiGroups()) {
                for (String resource : grant.rule().getResources()) {
                    grant.rule().getVerbs().forEach(verb ->
                            granted.add(verb + " " + (group.isEmpty() ? "" : group + "/") + resource));
                }
            }
        }

        assertThat(granted).as("grants the operator neither used nor needs for a stated reason")
                .allMatch(grant -> used.contains(grant) || NEEDED_WITHOUT_A_REQUEST.containsKey(grant));
        assertThat(NEEDED_WITHOUT_A_REQUEST.keySet()).as("explained grants are granted, and not in fact requested")
                .allMatch(granted::contains).noneMatch(used::contains);
    }

    private static String groupResource(ApiRequest request) {
        return (request.apiGroup().isEmpty() ? "" : request.apiGroup() + "/") + request.resource();
    }
}
