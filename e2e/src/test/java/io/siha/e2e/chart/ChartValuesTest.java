package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.siha.operator.OperatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.siha.e2e.chart.ChartUnderTest.FULL_NAME;
import static io.siha.e2e.chart.ChartUnderTest.RELEASE_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code helm template} with values other than the defaults. */
class ChartValuesTest {

    @Test
    void watchNamespacesGrantARolePerNamespaceAndClusterWideOnlyTheReadingOfNodes() {
        RenderedChart chart = ChartUnderTest.render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));
        List<Role> roles = chart.all(Role.class);
        List<RoleBinding> bindings = chart.all(RoleBinding.class);
        List<Role> reconcileRoles = roles.stream()
                .filter(role -> !role.getMetadata().getNamespace().equals(RELEASE_NAMESPACE)).toList();

        // Nodes have no namespace: seeing a drain coming takes a ClusterRole, limited to listing and watching them.
        assertThat(chart.all(ClusterRole.class)).singleElement().satisfies(role -> {
            assertThat(role.getMetadata().getName()).isEqualTo(FULL_NAME + "-nodes");
            assertThat(role.getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getResources()).containsExactly("nodes");
                assertThat(rule.getVerbs()).containsExactly("list", "watch");
            });
        });
        assertThat(chart.all(ClusterRoleBinding.class)).extracting(b -> b.getRoleRef().getName())
                .containsExactly(FULL_NAME + "-nodes");
        assertThat(reconcileRoles).extracting(role -> role.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b");
        // The same rules as the cluster-wide install, only narrower in scope.
        assertThat(reconcileRoles).allSatisfy(role ->
                assertThat(role.getRules()).isEqualTo(ChartUnderTest.render().named(ClusterRole.class, FULL_NAME)
                        .getRules()));
        assertThat(bindings).extracting(binding -> binding.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b", RELEASE_NAMESPACE);
        assertThat(new OperatorContainer(chart).operatorConfig().watchNamespaces())
                .containsExactlyInAnyOrder("team-a", "team-b");
    }

    @Test
    void imageResourcesSchedulingAndLogLevelComeFromValues() {
        RenderedChart chart = ChartUnderTest.render(Map.of(
                "image.repository", "registry.example.com/si-ha-operator",
                "image.tag", "0.2.0-rc1",
                "image.pullPolicy", "Always",
                "resources.limits.memory", "1Gi",
                "resources.requests.cpu", "250m",
                "nodeSelector.kubernetes\\.io/os", "linux",
                "tolerations[0].key", "dedicated",
                "tolerations[0].operator", "Exists",
                "logLevel", "debug",
                "logFormat", "text"));
        OperatorContainer operator = new OperatorContainer(chart);
        PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();

        assertThat(operator.container().getImage()).isEqualTo("registry.example.com/si-ha-operator:0.2.0-rc1");
        assertThat(operator.container().getImagePullPolicy()).isEqualTo("Always");
        assertThat(operator.container().getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
        assertThat(operator.container().getResources().getRequests()).containsEntry("cpu", new Quantity("250m"));
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
        assertThat(pod.getTolerations()).singleElement().satisfies(toleration -> {
            assertThat(toleration.getKey()).isEqualTo("dedicated");
            assertThat(toleration.getOperator()).isEqualTo("Exists");
        });
        assertThat(operator.literalEnv()).containsEntry(OperatorConfig.LOG_LEVEL, "debug")
                .containsEntry(OperatorConfig.LOG_FORMAT, "text");
    }

    @Test
    void oneReplicaMayRunWithoutLeaderElectionAndThenNeedsNoLease() {
        RenderedChart chart = ChartUnderTest.render(Map.of("replicaCount", "1", "leaderElection.enabled", "false"));

        assertThat(chart.one(Deployment.class).getSpec().getReplicas()).isEqualTo(1);
        assertThat(new OperatorContainer(chart).operatorConfig().leaderElection()).isFalse();
        assertThat(chart.all(Role.class)).isEmpty();
    }

    @Test
    void twoReplicasWithoutLeaderElectionAreRefused() {
        assertThatThrownBy(() -> ChartUnderTest.render(Map.of("leaderElection.enabled", "false")))
                .hasMessageContaining("replicaCount > 1 needs leaderElection.enabled=true");
    }

    @Test
    void anExistingServiceAccountIsBoundInsteadOfANewOne() {
        RenderedChart chart = ChartUnderTest.render(Map.of("serviceAccount.create", "false",
                "serviceAccount.name", "platform-operators"));

        assertThat(chart.all(ServiceAccount.class)).isEmpty();
        assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("platform-operators");
        assertThat(chart.named(ClusterRoleBinding.class, FULL_NAME).getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo("platform-operators"));
    }

    @Test
    void anUnknownLogLevelIsRefusedByTheValuesSchema() {
        assertThatThrownBy(() -> ChartUnderTest.render(Map.of("logLevel", "verbose")))
                .hasMessageContaining("logLevel");
    }

    @Test
    void annotationAndLabelValuesGivenAsBooleansOrNumbersAreRenderedAsStrings() {
        RenderedChart chart = ChartUnderTest.render(Map.of("metrics.service.annotations.prometheus\\.io/scrape", "true",
                "metrics.service.annotations.prometheus\\.io/port", "8080", "podLabels.critical", "true"));

        assertThat(chart.one(Service.class).getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "8080");
        assertThat(chart.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("critical", "true");
    }

    @ParameterizedTest
    @CsvSource({"imagee.repository, imagee", "image.tagg, tagg", "nodeImage.repo, repo",
            "leaderElection.lease, lease", "serviceAccount.annotation.x, annotation", "metrics.service.prot, prot",
            "monitoring.serviceMonitor.enabeld, enabeld", "monitoring.prometheusRules.enabled, prometheusRules",
            "monitoring.grafanaDashboard.label.x, label", "replicas, replicas"})
    void aMisspeltKeyIsRefusedByTheValuesSchemaNotIgnored(String misspelt, String reported) {
        // Without additionalProperties: false, helm renders the chart and silently drops the value.
        assertThatThrownBy(() -> ChartUnderTest.render(Map.of(misspelt, "1")))
                .hasMessageContaining("Additional property " + reported + " is not allowed");
    }

    @Test
    void operatorSettingsReachTheOperator() {
        RenderedChart chart = ChartUnderTest.render(Map.of("healthPort", "9180", "stepDownTimeoutSeconds", "300",
                "leaderElection.leaseName", "orders-operator"));
        OperatorConfig config = new OperatorContainer(chart).operatorConfig();

        assertThat(config.healthPort()).isEqualTo(9180);
        assertThat(config.stepDownTimeout()).hasSeconds(300);
        assertThat(config.leaseName()).isEqualTo("orders-operator");
    }
}
