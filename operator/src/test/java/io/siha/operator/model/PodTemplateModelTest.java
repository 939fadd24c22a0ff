package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.siha.api.NodeEnv;
import io.siha.api.v1alpha1.ExtensionsSpec;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.NodeServiceAccountSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** spec.pod's template fields as the pods get them, the operator's own settings winning where the node needs them. */
class PodTemplateModelTest {

    private static final String RDS_CA = "/etc/siha/rds";

    private final SiHaCluster cluster = TestClusters.persistedByAnEarlierOperator("orders");
    private final NodePodSpec template = new NodePodSpec();

    PodTemplateModelTest() {
        cluster.getSpec().setPod(template);
    }

    @Test
    void theUsersEnvAndEnvFromFollowTheOperatorsVariables() {
        template.setEnv(List.of(new EnvVarBuilder().withName("AWS_REGION").withValue("eu-west-1").build(),
                new EnvVarBuilder().withName("NODE_LABEL").withValue("$(SIHA_POD_NAME)-eu").build()));
        template.setEnvFrom(List.of(new EnvFromSourceBuilder().withNewConfigMapRef("orders-env", false).build()));

        Container node = node(pod());
        List<String> names = node.getEnv().stream().map(EnvVar::getName).toList();
        assertThat(names).endsWith("AWS_REGION", "NODE_LABEL");
        assertThat(names.indexOf("NODE_LABEL")).as("after SIHA_POD_NAME, so $(SIHA_POD_NAME) expands")
                .isGreaterThan(names.indexOf(NodeEnv.POD_NAME));
        assertThat(node.getEnvFrom()).singleElement()
                .satisfies(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo("orders-env"));
    }

    @Test
    void jvmOptionsComeAfterTheDefaultHeapInJdkJavaOptions() {
        assertThat(node(pod()).getEnv()).extracting(EnvVar::getName).doesNotContain(JvmOptions.ENV_NAME);

        template.setJvmOptions(List.of("-XX:MaxRAMPercentage=60", "-XX:+UseZGC"));
        assertThat(node(pod()).getEnv()).filteredOn(e -> e.getName().equals("JDK_JAVA_OPTIONS")).singleElement()
                .satisfies(e -> assertThat(e.getValue())
                        .isEqualTo("-XX:MaxRAMPercentage=75 -XX:MaxRAMPercentage=60 -XX:+UseZGC"));
    }

    /** One rule for the default heap: the node image sets the same JDK_JAVA_OPTIONS the operator starts from. */
    @Test
    void theDefaultHeapIsTheNodeImagesOwn() throws IOException {
        String dockerfile = Files.readString(Path.of("../node-image/Dockerfile"));
        assertThat(dockerfile).contains("ENV JDK_JAVA_OPTIONS=\"" + JvmOptions.DEFAULT_HEAP + "\"");
        assertThat(dockerfile).doesNotContainPattern("ENTRYPOINT.*MaxRAMPercentage")
                .containsPattern("ENTRYPOINT \\[\"java\", \"-XX:\\+ExitOnOutOfMemoryError\"");
    }

    @Test
    void volumesAndMountsFollowTheOperatorsOwn() {
        template.setVolumes(List.of(new VolumeBuilder().withName("rds-ca").withNewConfigMap().withName("rds-ca")
                .endConfigMap().build()));
        template.setVolumeMounts(List.of(new VolumeMountBuilder().withName("rds-ca").withMountPath(RDS_CA)
                .withReadOnly(true).build()));

        Pod pod = pod();
        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).containsExactly("apps", "tmp", "rds-ca");
        assertThat(node(pod).getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .containsExactly(NodePodModel.APPS_DIR, "/tmp", RDS_CA);
    }

    @Test
    void pullSecretsPriorityAndTopologySpreadGoOntoThePodSpec() {
        template.setImagePullSecrets(List.of(new LocalObjectReference("ecr-pull")));
        template.setPriorityClassName("stream-critical");
        template.setTopologySpreadConstraints(List.of(
                new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                        .withWhenUnsatisfiable("DoNotSchedule").build(),
                new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                        .withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector()
                        .withMatchLabels(Map.of("team", "orders")).endLabelSelector().build()));

        var spec = pod().getSpec();
        assertThat(spec.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("ecr-pull");
        assertThat(spec.getPriorityClassName()).isEqualTo("stream-critical");
        assertThat(spec.getTopologySpreadConstraints()).hasSize(2);
        assertThat(spec.getTopologySpreadConstraints().get(0).getLabelSelector().getMatchLabels())
                .as("left out: the pair's own pods").isEqualTo(Map.of("siha.io/cluster", "orders"));
        assertThat(spec.getTopologySpreadConstraints().get(1).getLabelSelector().getMatchLabels())
                .isEqualTo(Map.of("team", "orders"));
        assertThat(spec.getAffinity().getPodAntiAffinity()).as("the default anti-affinity stays").isNotNull();
    }

    @Test
    void initContainersRunAfterTheExtensionsOneWithTheNodesSecurityContextUnlessTheyHaveTheirOwn() {
        cluster.getSpec().setExtensions(new ExtensionsSpec("registry.example.com/ext:1"));
        template.setInitContainers(List.of(
                new ContainerBuilder().withName("fetch-ca").withImage("curlimages/curl:8.10.1").build(),
                new ContainerBuilder().withName("own").withImage("busybox:1.36")
                        .withSecurityContext(new SecurityContextBuilder().withRunAsUser(10002L).build()).build()));

        List<Container> init = pod().getSpec().getInitContainers();
        assertThat(init).extracting(Container::getName).containsExactly("extensions", "fetch-ca", "own");
        assertThat(init.get(1).getSecurityContext()).isEqualTo(NodePodModel.restrictedContainer());
        assertThat(init.get(2).getSecurityContext().getRunAsUser()).isEqualTo(10002L);
    }

    @Test
    void podLabelsAndAnnotationsGoUnderTheOperatorsOwn() {
        template.setLabels(Map.of("team", "orders", "app.kubernetes.io/part-of", "checkout"));
        template.setAnnotations(Map.of("prometheus.io/scrape", "true"));

        Pod pod = pod();
        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "orders")
                .containsEntry("app.kubernetes.io/part-of", "checkout").containsEntry("siha.io/cluster", "orders")
                .containsEntry("app.kubernetes.io/managed-by", "si-ha-operator");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry(OperatorPodAnnotations.TEMPLATE_HASH, "h");
    }

    @Test
    void theServiceAccountCarriesTheSpecsAnnotationsAndRemembersWhichTheyWere() {
        assertThat(NodeServiceAccountModel.build(cluster).getMetadata().getAnnotations()).isNullOrEmpty();

        template.setServiceAccount(new NodeServiceAccountSpec(Map.of("eks.amazonaws.com/role-arn",
                "arn:aws:iam::123456789012:role/orders", "eks.amazonaws.com/sts-regional-endpoints", "true")));
        var account = NodeServiceAccountModel.build(cluster);
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/orders")
                .containsEntry(NodeServiceAccountModel.SPEC_ANNOTATIONS,
                        "eks.amazonaws.com/role-arn,eks.amazonaws.com/sts-regional-endpoints");

        // Live, with one added by someone else: the spec's go, the other stays.
        account.getMetadata().getAnnotations().put("other.example.com/note", "kept");
        NodeServiceAccountModel.withoutFormerSpecAnnotations(account);
        assertThat(account.getMetadata().getAnnotations()).containsOnlyKeys("other.example.com/note");
    }

    @Test
    void everyTemplateFieldRollsThePairAndNoneChangesItsHashWhileUnset() {
        var secret = DbSecretModel.build(cluster, "cA==", "cw==", Optional.empty());
        var apps = AppsConfigMapModel.build(cluster, new TreeMap<>(Map.of("a.siddhi", "A")));
        List<String> hashes = new ArrayList<>();
        Runnable hash = () -> hashes.add(PodTemplateHash.of(NodePodModel.podSpec(cluster), secret, apps, Map.of(),
                UserPodParts.hashedMetadata(template)));
        hash.run();
        assertThat(hashes.get(0)).as("an empty pod template is no template").isEqualTo("73af40ebeb4f1f7c");
        template.setEnv(List.of(new EnvVarBuilder().withName("A").withValue("1").build()));
        hash.run();
        template.setJvmOptions(List.of("-Xmx1g"));
        hash.run();
        template.setVolumes(List.of(new VolumeBuilder().withName("v").withNewEmptyDir().endEmptyDir().build()));
        hash.run();
        template.setLabels(Map.of("team", "orders"));
        hash.run();
        template.setAnnotations(Map.of("note", "x"));
        hash.run();
        template.setServiceAccount(new NodeServiceAccountSpec(Map.of("eks.amazonaws.com/role-arn", "arn:1")));
        hash.run();
        template.setPriorityClassName("high");
        hash.run();
        assertThat(hashes).doesNotHaveDuplicates();
    }

    private Pod pod() {
        return NodePodModel.build(cluster, 0, "h");
    }

    private static Container node(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }
}
