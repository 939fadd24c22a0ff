package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Service;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.LoadBalancerSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The NAME-lb Service of {@code spec.service.loadBalancer}, and the checks of its fields. */
class LoadBalancerServiceModelTest {

    private final SiHaCluster cluster = TestClusters.persisted("orders");

    @Test
    void withoutTheFieldThereIsNoSuchService() {
        assertThat(LoadBalancerServiceModel.build(cluster, SourcePorts.none())).isEmpty();
    }

    @Test
    void bothPodsAreTargetsWhateverTheirReadinessOnTheSamePortsAsTheServiceThatFollowsTheActive() {
        LoadBalancerSpec spec = new LoadBalancerSpec();
        spec.setAnnotations(Map.of("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip"));
        spec.setLoadBalancerClass("service.k8s.aws/nlb");
        spec.setSourceRanges(List.of("10.0.0.0/16"));
        cluster.getSpec().getService().setLoadBalancer(spec);

        Service lb = LoadBalancerServiceModel.build(cluster, SourcePorts.none()).orElseThrow();
        Service active = IngestServiceModel.build(cluster);

        assertThat(lb.getMetadata().getName()).isEqualTo("orders-lb");
        assertThat(lb.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip");
        assertThat(lb.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(lb.getSpec().getSelector()).containsExactly(Map.entry(SiHaLabels.CLUSTER, "orders"));
        assertThat(lb.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(lb.getSpec().getLoadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
        assertThat(lb.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/16");
        assertThat(lb.getSpec().getPorts()).isEqualTo(active.getSpec().getPorts());
        // The Service for in-cluster clients keeps following the active alone.
        assertThat(active.getSpec().getSelector()).containsEntry(SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);
        assertThat(active.getSpec().getPublishNotReadyAddresses()).isFalse();
    }

    @Test
    void withBothPodsAsTargetsTheDisruptionBudgetStillCoversTheActiveAlone() {
        cluster.getSpec().getService().setLoadBalancer(new LoadBalancerSpec());
        Map<String, String> lbSelector = LoadBalancerServiceModel.build(cluster, SourcePorts.none()).orElseThrow()
                .getSpec().getSelector();
        Map<String, String> budgetSelector = PodDisruptionBudgetModel.build(cluster).getSpec().getSelector()
                .getMatchLabels();
        Map<String, String> activePod = Map.of(SiHaLabels.CLUSTER, "orders", SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE);
        Map<String, String> passivePod = Map.of(SiHaLabels.CLUSTER, "orders", SiHaLabels.ROLE, SiHaLabels.ROLE_PASSIVE);

        // A drain may evict the passive at once, though the load balancer keeps it as a target; the active's
        // eviction waits for the handover (after which it is the passive, and the NLB's health check has moved on).
        assertThat(selects(lbSelector, activePod)).isTrue();
        assertThat(selects(lbSelector, passivePod)).isTrue();
        assertThat(selects(budgetSelector, activePod)).isTrue();
        assertThat(selects(budgetSelector, passivePod)).isFalse();
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> podLabels) {
        return podLabels.entrySet().containsAll(selector.entrySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/16", "0.0.0.0/0", "192.168.1.7/32", "2001:db8::/32", "::/0"})
    void cidrsAreTakenAsSourceRanges(String range) {
        assertThat(problemsWith(range, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "256.1.1.1/8", "10.0.0/8", "example.com/16", "2001:db8::/129",
            "", " 10.0.0.0/8"})
    void aSourceRangeThatIsNotACidrIsRefusedOnItsField(String range) {
        assertThat(problemsWith(range, null)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("spec.service.loadBalancer.sourceRanges[1]");
            assertThat(problem.message()).contains("is not a CIDR");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"nlb", "service.k8s.aws/", "/nlb", "Service.K8s.aws/nlb", "service.k8s.aws/nlb/x"})
    void aLoadBalancerClassThatIsNotADomainPrefixedNameIsRefused(String loadBalancerClass) {
        assertThat(problemsWith("10.0.0.0/8", loadBalancerClass)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("spec.service.loadBalancer.loadBalancerClass");
            assertThat(problem.message()).contains("service.k8s.aws/nlb");
        });
    }

    @Test
    void anAnnotationKeyTheApiServerWouldRefuseIsRefusedOnTheField() {
        LoadBalancerSpec spec = new LoadBalancerSpec();
        spec.setAnnotations(Map.of("bad key", "x"));
        List<SpecProblem> problems = new ArrayList<>();
        LoadBalancerChecks.check(spec, problems);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("spec.service.loadBalancer.annotations");
            assertThat(problem.message()).startsWith("bad key: must be a name");
        });
    }

    private static List<SpecProblem> problemsWith(String secondRange, String loadBalancerClass) {
        LoadBalancerSpec spec = new LoadBalancerSpec();
        spec.setSourceRanges(List.of("10.1.0.0/16", secondRange));
        spec.setLoadBalancerClass(loadBalancerClass);
        List<SpecProblem> problems = new ArrayList<>();
        LoadBalancerChecks.check(spec, problems);
        return problems;
    }
}
