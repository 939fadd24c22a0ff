package io.siha.e2e.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.NodeServiceAccountSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterPhase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A SiHaCluster using every field of the pod template (spec.pod), on the mock Kubernetes with real node processes:
 * both pods are rendered with them, the operator's own settings in place, and the nodes run with the user's env, JVM
 * options and volume (an RDS CA bundle's stand-in) and reach Running. The test's kubelet runs the node container only,
 * not init containers, and ignores scheduling fields (priority, topology spread): those are checked as rendered.
 */
class PodTemplateOnKubernetesTest extends OnMockCluster {

    private static final String CA_FILE = "global-bundle.pem";
    private static final String CA_DIR = "/etc/siha/rds";

    @Test
    void aPairUsingThePodTemplateGetsItOnBothPodsAndRuns() throws Exception {
        kube.client().resource(new ConfigMapBuilder().withNewMetadata().withName("rds-ca").endMetadata()
                .withData(Map.of(CA_FILE, "-----BEGIN CERTIFICATE-----\nrds\n-----END CERTIFICATE-----\n")).build())
                .create();
        kube.client().resource(new ConfigMapBuilder().withNewMetadata().withName("orders-env").endMetadata()
                .withData(Map.of("REGION", "eu-west-1")).build()).create();
        SiHaCluster cluster = kube.counterCluster("templated", 200);
        cluster.getSpec().setPod(template());
        kube.apply(cluster);

        await("pair running; logs in " + kube.workDirectory()).atMost(Duration.ofSeconds(90))
                .until(() -> kube.cluster("templated").map(c -> c.getStatus() != null
                        && c.getStatus().getPhase() == SiHaClusterPhase.RUNNING).orElse(false));

        for (String name : List.of("templated-0", "templated-1")) {
            Pod pod = kube.pod(name).orElseThrow();
            Container node = pod.getSpec().getContainers().get(0);
            assertThat(node.getEnv()).extracting(EnvVar::getName).contains("SIHA_CLUSTER_GROUP")
                    .endsWith("JDK_JAVA_OPTIONS", "PGSSLROOTCERT", "NODE_LABEL");
            assertThat(value(node, "JDK_JAVA_OPTIONS"))
                    .isEqualTo("-XX:MaxRAMPercentage=75 -XX:MaxRAMPercentage=60 -Dsiha.e2e.template=on");
            assertThat(node.getEnvFrom()).singleElement()
                    .satisfies(from -> assertThat(from.getPrefix()).isEqualTo("ORDERS_"));
            assertThat(node.getVolumeMounts()).extracting(VolumeMount::getMountPath).endsWith(CA_DIR);
            assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).endsWith("rds-ca");
            assertThat(pod.getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName)
                    .containsExactly("ecr-pull");
            assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("stream-critical");
            assertThat(pod.getSpec().getTopologySpreadConstraints()).singleElement().satisfies(c -> assertThat(
                    c.getLabelSelector().getMatchLabels()).isEqualTo(Map.of("siha.io/cluster", "templated")));
            assertThat(pod.getSpec().getInitContainers()).singleElement().satisfies(init -> {
                assertThat(init.getName()).isEqualTo("warm-up");
                assertThat(init.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            });
            assertThat(pod.getMetadata().getLabels()).containsEntry("team", "orders")
                    .containsEntry("siha.io/cluster", "templated").containsKey("siha.io/role");
            assertThat(pod.getMetadata().getAnnotations()).containsEntry("example.com/owner", "orders-team")
                    .containsKey("siha.io/template-hash");
        }
        assertThat(kube.client().serviceAccounts().withName("templated-node").get().getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/orders");

        // What the node processes got: the java launcher names the options it picked up at the top of each log.
        for (Path log : kube.kubelet().logs()) {
            assertThat(Files.readString(log)).contains("NOTE: Picked up JDK_JAVA_OPTIONS: -XX:MaxRAMPercentage=75"
                    + " -XX:MaxRAMPercentage=60 -Dsiha.e2e.template=on");
        }
        kube.deleteClusterAndAwaitPodsGone("templated");
    }

    private static NodePodSpec template() {
        NodePodSpec pod = new NodePodSpec();
        pod.setEnv(List.of(
                new EnvVarBuilder().withName("PGSSLROOTCERT").withValue(CA_DIR + "/" + CA_FILE).build(),
                new EnvVarBuilder().withName("NODE_LABEL").withValue("$(SIHA_POD_NAME)-$(ORDERS_REGION)").build()));
        pod.setEnvFrom(List.of(new EnvFromSourceBuilder().withNewConfigMapRef("orders-env", false)
                .withPrefix("ORDERS_").build()));
        pod.setJvmOptions(List.of("-XX:MaxRAMPercentage=60", "-Dsiha.e2e.template=on"));
        pod.setVolumes(List.of(new VolumeBuilder().withName("rds-ca").withNewConfigMap().withName("rds-ca")
                .endConfigMap().build()));
        pod.setVolumeMounts(List.of(new VolumeMountBuilder().withName("rds-ca").withMountPath(CA_DIR)
                .withReadOnly(true).build()));
        pod.setImagePullSecrets(List.of(new LocalObjectReference("ecr-pull")));
        pod.setServiceAccount(new NodeServiceAccountSpec(Map.of("eks.amazonaws.com/role-arn",
                "arn:aws:iam::123456789012:role/orders")));
        pod.setLabels(Map.of("team", "orders"));
        pod.setAnnotations(Map.of("example.com/owner", "orders-team"));
        pod.setPriorityClassName("stream-critical");
        pod.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("ScheduleAnyway").build()));
        pod.setInitContainers(List.of(new ContainerBuilder().withName("warm-up").withImage("busybox:1.36")
                .withCommand("true").build()));
        return pod;
    }

    private static String value(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                .getValue();
    }
}
