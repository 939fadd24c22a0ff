package io.siha.e2e.chart;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.siha.e2e.RepositoryFiles;
import io.siha.operator.OperatorConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.siha.e2e.chart.ChartUnderTest.FULL_NAME;
import static io.siha.e2e.chart.ChartUnderTest.RELEASE_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm template} with the default values: what {@code helm install si-ha helm/si-ha-operator} creates. */
class ChartDefaultsTest {

    private static final RenderedChart CHART = ChartUnderTest.render();
    private static final OperatorContainer OPERATOR = new OperatorContainer(CHART);

    @Test
    void rendersTheOperatorItsAccountClusterWideRbacTheLeaseRoleAndTheMetricsService() {
        // Two ClusterRoles and bindings: the reconcile rules, and the reading of Nodes (for drains).
        assertThat(CHART.kinds()).containsExactly("ClusterRole", "ClusterRole", "ClusterRoleBinding",
                "ClusterRoleBinding", "Deployment", "Role", "RoleBinding", "Service", "ServiceAccount");
    }

    @Test
    void twoReplicasWithLeaderElectionInTheReleaseNamespace() {
        assertThat(CHART.one(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
        OperatorConfig config = OPERATOR.operatorConfig();
        assertThat(config.leaderElection()).isTrue();
        assertThat(config.watchNamespaces()).isEmpty();
        assertThat(OPERATOR.env(OperatorConfig.NAMESPACE).getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        Role leaseRole = CHART.one(Role.class);
        assertThat(leaseRole.getMetadata().getNamespace()).isEqualTo(RELEASE_NAMESPACE);
        assertThat(leaseRole.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(rule.getResources()).containsExactly("leases");
        });
    }

    @Test
    void everyEnvVarIsOneTheOperatorReads() throws IllegalAccessException {
        var known = new java.util.HashSet<String>();
        for (Field field : OperatorConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                known.add((String) field.get(null));
            }
        }

        assertThat(OPERATOR.container().getEnv()).extracting(io.fabric8.kubernetes.api.model.EnvVar::getName)
                .allMatch(known::contains, "a variable the operator reads (OperatorConfig)");
    }

    @Test
    void probesAndMetricsUseTheHealthPortTheOperatorListensOn() {
        int healthPort = OPERATOR.operatorConfig().healthPort();
        var container = OPERATOR.container();

        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getContainerPort()).isEqualTo(healthPort);
            assertThat(port.getName()).isEqualTo("http");
        });
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getStartupProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");

        Service metrics = CHART.one(Service.class);
        assertThat(metrics.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
        assertThat(CHART.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(metrics.getSpec().getSelector());
    }

    @Test
    void imageIsTheAppVersionOfTheOperator() {
        assertThat(OPERATOR.container().getImage()).isEqualTo("ghcr.io/si-ha/si-ha-operator:0.1.0");
        assertThat(OPERATOR.container().getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void runsAsTheImagesNonRootUserWithAReadOnlyRootAndNoCapabilities() throws IOException {
        PodSpec pod = CHART.one(Deployment.class).getSpec().getTemplate().getSpec();
        SecurityContext container = OPERATOR.container().getSecurityContext();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(dockerfileUid());
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(OPERATOR.container().getVolumeMounts()).anySatisfy(mount ->
                assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        assertThat(OPERATOR.container().getResources().getLimits()).containsKey("memory");
    }

    @Test
    void clusterRoleIsBoundToTheOperatorsServiceAccount() {
        ServiceAccount account = CHART.one(ServiceAccount.class);
        ClusterRoleBinding binding = CHART.named(ClusterRoleBinding.class, FULL_NAME);
        ClusterRoleBinding nodesBinding = CHART.named(ClusterRoleBinding.class, FULL_NAME + "-nodes");
        RoleBinding leaseBinding = CHART.one(RoleBinding.class);

        assertThat(account.getMetadata().getName()).isEqualTo(FULL_NAME);
        assertThat(CHART.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(FULL_NAME);
        assertThat(binding.getRoleRef().getName()).isEqualTo(FULL_NAME);
        assertThat(nodesBinding.getRoleRef().getName()).isEqualTo(FULL_NAME + "-nodes");
        assertThat(CHART.all(ClusterRole.class)).extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder(FULL_NAME, FULL_NAME + "-nodes");
        for (var subjects : java.util.List.of(binding.getSubjects(), nodesBinding.getSubjects(),
                leaseBinding.getSubjects())) {
            assertThat(subjects).singleElement().satisfies(subject -> {
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getName()).isEqualTo(FULL_NAME);
                assertThat(subject.getNamespace()).isEqualTo(RELEASE_NAMESPACE);
            });
        }
    }

    /** The uid operator/Dockerfile creates: runAsNonRoot needs a numeric uid, and the two must agree. */
    private static long dockerfileUid() throws IOException {
        String dockerfile = Files.readString(RepositoryFiles.root().resolve("operator/Dockerfile"));
        Matcher uid = Pattern.compile("--uid (\\d+)").matcher(dockerfile);
        assertThat(uid.find()).as("operator/Dockerfile creates a user with --uid").isTrue();
        return Long.parseLong(uid.group(1));
    }
}
