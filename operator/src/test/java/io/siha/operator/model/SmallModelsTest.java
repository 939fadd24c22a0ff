package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.ServiceType;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The owned objects whose model is a few lines: ConfigMap, RBAC, Service, PodDisruptionBudget. */
class SmallModelsTest {

    private final SiHaCluster cluster = TestClusters.persisted("orders");

    @Test
    void appsConfigMapHasOneKeyPerApp() {
        ConfigMap apps = AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A", "b.siddhi", "B")));
        assertThat(apps.getMetadata().getName()).isEqualTo("orders-apps");
        assertThat(apps.getData()).containsOnlyKeys("a.siddhi", "b.siddhi");
    }

    @Test
    void nodeRoleAllowsOnlyGetWatchPatchOfTheTwoPods() {
        Role role = NodeRoleModel.build(cluster);
        assertThat(role.getMetadata().getName()).isEqualTo("orders-node");
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("pods");
            assertThat(rule.getResourceNames()).containsExactly("orders-0", "orders-1");
            assertThat(rule.getVerbs()).containsExactly("get", "watch", "patch");
        });
    }

    @Test
    void roleBindingGrantsTheRoleToTheNodeServiceAccount() {
        RoleBinding binding = NodeRoleBindingModel.build(cluster);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("orders-node");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(NodeServiceAccountModel.build(cluster).getMetadata().getName());
            assertThat(s.getNamespace()).isEqualTo("test");
        });
    }

    @Test
    void serviceSelectsTheActivePodAndCarriesTypeAndAnnotationsFromTheSpec() {
        cluster.getSpec().getService().setType(ServiceType.LOAD_BALANCER);
        cluster.getSpec().getService().setAnnotations(
                Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"));
        cluster.getSpec().getIngest().setHttpPort(8080);
        Service service = IngestServiceModel.build(cluster);

        assertThat(service.getMetadata().getName()).isEqualTo("orders");
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getSpec().getSelector())
                .isEqualTo(Map.of(SiHaLabels.CLUSTER, "orders", SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE));
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + "->"
                + p.getTargetPort().getStrVal())
                .containsExactly("http-ingest:8080->http-ingest", "binary-ingest:9611->binary-ingest");
    }

    @Test
    void serviceExposesTheAppsSourcePortsOnTheirOwnNumbersAfterTheIngestPorts() {
        Service service = IngestServiceModel.build(cluster, new SourcePorts(new TreeSet<>(
                List.of(9763, 8280))));

        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + "->"
                + p.getTargetPort().getStrVal() + "/" + p.getProtocol())
                .containsExactly("http-ingest:8006->http-ingest/TCP", "binary-ingest:9611->binary-ingest/TCP",
                        "source-8280:8280->source-8280/TCP", "source-9763:9763->source-9763/TCP");
    }

    @Test
    void disruptionBudgetKeepsTheActiveAndLeavesThePassiveOutOfIt() {
        PodDisruptionBudget pdb = PodDisruptionBudgetModel.build(cluster);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of(SiHaLabels.CLUSTER, "orders", SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE));
        assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
    }
}
