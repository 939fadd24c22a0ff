package io.siha.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.siha.api.NodeEnv;
import io.siha.api.SiHaLabels;
import io.siha.api.v1alpha1.LoadBalancerSpec;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.NodeServiceAccountSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import io.siha.operator.model.DbSecretModel;
import io.siha.operator.model.OperatorPodAnnotations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.siha.operator.TestClusters.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
class OwnedObjectsTest {

    KubernetesClient client;
    private OperatorHarness harness;

    @BeforeEach
    void startOperator() {
        client.resource(TestClusters.passwordSecret(TestClusters.PASSWORD)).create();
        harness = new OperatorHarness(client);
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void aNewSiHaClusterGetsEveryOwnedObjectOwnedAndLabelled() {
        long start = System.nanoTime();
        SiHaCluster cluster = harness.create(TestClusters.cluster("orders"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> allOwned("orders").size() == 10);
        long coldMillis = (System.nanoTime() - start) / 1_000_000;
        // A second cluster in the same JVM: without class loading and JIT warm-up, closer to a running operator.
        long warmStart = System.nanoTime();
        harness.create(TestClusters.cluster("payments"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> allOwned("payments").size() == 10);
        long warmMillis = (System.nanoTime() - warmStart) / 1_000_000;
        System.out.println("reconcile time, create SiHaCluster -> all 10 objects present: first " + coldMillis
                + " ms, second " + warmMillis + " ms");

        for (HasMetadata object : allOwned("orders")) {
            assertThat(object.getMetadata().getLabels()).as(object.getKind()).containsEntry(SiHaLabels.CLUSTER, "orders");
            assertThat(object.getMetadata().getOwnerReferences()).as(object.getKind()).singleElement()
                    .satisfies(ref -> {
                        assertThat(ref.getUid()).isEqualTo(cluster.getMetadata().getUid());
                        assertThat(ref.getKind()).isEqualTo("SiHaCluster");
                        assertThat(ref.getController()).isTrue();
                    });
        }

        Secret db = client.secrets().inNamespace(NAMESPACE).withName("orders-db").get();
        assertThat(TestClusters.decode(db.getData().get(DbSecretModel.PASSWORD_KEY))).isEqualTo(TestClusters.PASSWORD);
        assertThat(TestClusters.decode(db.getData().get(DbSecretModel.CLUSTER_DB_URL_KEY)))
                .isEqualTo("jdbc:postgresql://postgres:5432/siha");
        assertThat(db.getData().get(DbSecretModel.SYNC_SECRET_KEY)).isNotBlank();

        ConfigMap apps = client.configMaps().inNamespace(NAMESPACE).withName("orders-apps").get();
        assertThat(apps.getData()).containsExactly(Map.entry("counter.siddhi", TestClusters.APP));

        Role role = client.rbac().roles().inNamespace(NAMESPACE).withName("orders-node").get();
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResourceNames()).containsExactly("orders-0", "orders-1");
            assertThat(rule.getVerbs()).containsExactly("get", "watch", "patch");
        });

        Service service = client.services().inNamespace(NAMESPACE).withName("orders").get();
        assertThat(service.getSpec().getSelector())
                .isEqualTo(Map.of(SiHaLabels.CLUSTER, "orders", SiHaLabels.ROLE, SiHaLabels.ROLE_ACTIVE));
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(8006, 9611);

        PodDisruptionBudget pdb = client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE)
                .withName("orders").get();
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);

        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName("orders").get();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of(SiHaLabels.CLUSTER, "orders"));
        assertThat(policy.getSpec().getIngress()).hasSize(3);

        Pod pod = client.pods().inNamespace(NAMESPACE).withName("orders-0").get();
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("orders-node");
        assertThat(pod.getMetadata().getAnnotations()).containsKey(OperatorPodAnnotations.TEMPLATE_HASH);
        List<EnvVar> env = pod.getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(e -> e.getName().equals(NodeEnv.DB_PASSWORD)).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("orders-db"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var status = harness.get("orders").getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getPhase()).isEqualTo(SiHaClusterPhase.PENDING);
            assertThat(status.getObservedGeneration()).isEqualTo(1L);
        });
    }

    @Test
    void theSyncSecretIsGeneratedOnceAndKept() {
        harness.create(TestClusters.cluster("orders"));
        await().atMost(Duration.ofSeconds(10)).until(() -> allOwned("orders").size() == 10);
        String first = client.secrets().inNamespace(NAMESPACE).withName("orders-db").get().getData()
                .get(DbSecretModel.SYNC_SECRET_KEY);

        harness.editSpec("orders", c -> {
            c.getSpec().getDatabase().setUser("other");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Secret db = client.secrets().inNamespace(NAMESPACE).withName("orders-db").get();
            assertThat(TestClusters.decode(db.getData().get(DbSecretModel.USER_KEY))).isEqualTo("other");
            assertThat(db.getData().get(DbSecretModel.SYNC_SECRET_KEY)).isEqualTo(first);
        });
    }

    @Test
    void theServiceAccountGetsTheSpecsAnnotationsKeepsOthersAndLosesTheOnesTheSpecDropped() {
        SiHaCluster cluster = TestClusters.cluster("orders");
        cluster.getSpec().setPod(new NodePodSpec());
        cluster.getSpec().getPod().setServiceAccount(new NodeServiceAccountSpec(Map.of(
                "eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/orders")));
        harness.create(cluster);
        // The pods are written after the ServiceAccount (and the Service, PDB and NetworkPolicy): wait for them too.
        await().atMost(Duration.ofSeconds(10)).until(() -> annotations("orders-node")
                .containsKey("eks.amazonaws.com/role-arn") && allOwned("orders").size() == 10);
        String hash = client.pods().inNamespace(NAMESPACE).withName("orders-0").get().getMetadata()
                .getAnnotations().get(OperatorPodAnnotations.TEMPLATE_HASH);
        client.serviceAccounts().inNamespace(NAMESPACE).withName("orders-node").edit(account -> {
            account.getMetadata().getAnnotations().put("other.example.com/note", "kept");
            return account;
        });

        harness.editSpec("orders", c -> c.getSpec().getPod().setServiceAccount(new NodeServiceAccountSpec(Map.of(
                "eks.amazonaws.com/sts-regional-endpoints", "true"))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(annotations("orders-node"))
                .containsEntry("eks.amazonaws.com/sts-regional-endpoints", "true")
                .containsEntry("other.example.com/note", "kept")
                .doesNotContainKey("eks.amazonaws.com/role-arn"));
        // The role is injected into a pod when it is created: the pair rolls for it (the new passive first).
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.findPod("orders-0").or(() ->
                harness.findPod("orders-1")).map(p -> !hash.equals(p.getMetadata().getAnnotations()
                .get(OperatorPodAnnotations.TEMPLATE_HASH))).orElse(false)
                || harness.findPod("orders-1").map(p -> !hash.equals(p.getMetadata().getAnnotations()
                .get(OperatorPodAnnotations.TEMPLATE_HASH))).orElse(false));

        harness.editSpec("orders", c -> c.getSpec().getPod().setServiceAccount(null));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(annotations("orders-node"))
                .containsOnlyKeys("other.example.com/note"));
    }

    @Test
    void theLoadBalancerServiceComesAndGoesWithTheSpecWithoutRollingThePods() {
        SiHaCluster cluster = TestClusters.cluster("orders");
        LoadBalancerSpec loadBalancer = new LoadBalancerSpec();
        loadBalancer.setAnnotations(Map.of("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip"));
        cluster.getSpec().getService().setLoadBalancer(loadBalancer);
        harness.create(cluster);
        await().atMost(Duration.ofSeconds(10)).until(() -> service("orders-lb") != null
                && allOwned("orders").size() == 10);
        Service lb = service("orders-lb");
        assertThat(lb.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getName()).isEqualTo("orders"));
        assertThat(lb.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(lb.getSpec().getSelector()).doesNotContainKey(SiHaLabels.ROLE);
        String hash = client.pods().inNamespace(NAMESPACE).withName("orders-0").get().getMetadata()
                .getAnnotations().get(OperatorPodAnnotations.TEMPLATE_HASH);

        harness.editSpec("orders", c -> c.getSpec().getService().setLoadBalancer(null));
        await().atMost(Duration.ofSeconds(10)).until(() -> service("orders-lb") == null);
        assertThat(service("orders")).isNotNull();
        assertThat(client.pods().inNamespace(NAMESPACE).withName("orders-0").get().getMetadata().getAnnotations())
                .containsEntry(OperatorPodAnnotations.TEMPLATE_HASH, hash);
    }

    @Test
    void aServiceNamedLikeTheLoadBalancerOneThatIsNotOursIsLeftAlone() {
        client.resource(new ServiceBuilder().withNewMetadata().withName("orders-lb").withNamespace(NAMESPACE)
                .addToLabels(SiHaLabels.CLUSTER, "orders").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
        harness.create(TestClusters.cluster("orders"));
        await().atMost(Duration.ofSeconds(10)).until(() -> allOwned("orders").size() == 10);
        harness.editSpec("orders", c -> c.getSpec().getIngest().setHttpPort(8010)); // another reconcile
        await().atMost(Duration.ofSeconds(10)).until(() -> service("orders").getSpec().getPorts().stream()
                .anyMatch(port -> port.getPort() == 8010));
        assertThat(service("orders-lb")).isNotNull();
    }

    private Service service(String name) {
        return client.services().inNamespace(NAMESPACE).withName(name).get();
    }

    private Map<String, String> annotations(String serviceAccount) {
        var account = client.serviceAccounts().inNamespace(NAMESPACE).withName(serviceAccount).get();
        return account == null || account.getMetadata().getAnnotations() == null ? Map.of()
                : account.getMetadata().getAnnotations();
    }

    private List<HasMetadata> allOwned(String name) {
        return Stream.of(
                client.secrets().inNamespace(NAMESPACE).withName(name + "-db").get(),
                client.configMaps().inNamespace(NAMESPACE).withName(name + "-apps").get(),
                client.serviceAccounts().inNamespace(NAMESPACE).withName(name + "-node").get(),
                client.rbac().roles().inNamespace(NAMESPACE).withName(name + "-node").get(),
                client.rbac().roleBindings().inNamespace(NAMESPACE).withName(name + "-node").get(),
                client.pods().inNamespace(NAMESPACE).withName(name + "-0").get(),
                client.pods().inNamespace(NAMESPACE).withName(name + "-1").get(),
                client.services().inNamespace(NAMESPACE).withName(name).get(),
                client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).withName(name).get(),
                client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName(name).get())
                .filter(java.util.Objects::nonNull).map(HasMetadata.class::cast).toList();
    }
}
