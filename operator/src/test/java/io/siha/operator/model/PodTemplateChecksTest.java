package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.siha.api.v1alpha1.ExtensionsSpec;
import io.siha.api.v1alpha1.NodePodSpec;
import io.siha.api.v1alpha1.NodeServiceAccountSpec;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.TlsSecretRef;
import io.siha.api.v1alpha1.TlsSpec;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way spec.pod could break the node, or be refused by the API server, is an InvalidSpec problem on its field. */
class PodTemplateChecksTest {

    private final NodePodSpec pod = new NodePodSpec();

    @Test
    void aTemplateUsingEveryFieldAsMeantHasNoProblem() {
        pod.setEnv(List.of(env("AWS_REGION", "eu-west-1"), env("JAVA_TOOL_OPTIONS", "-javaagent:/otel/agent.jar")));
        pod.setEnvFrom(List.of(new EnvFromSourceBuilder().withNewSecretRef("orders-aws", false).withPrefix("AWS_")
                .build()));
        pod.setJvmOptions(List.of("-XX:MaxRAMPercentage=60", "-Dnetworkaddress.cache.ttl=30"));
        pod.setVolumes(List.of(configMapVolume("rds-ca"), new VolumeBuilder().withName("otel").withNewEmptyDir()
                .endEmptyDir().build()));
        pod.setVolumeMounts(List.of(mount("rds-ca", "/etc/siha/rds"), mount("otel", "/otel")));
        pod.setInitContainers(List.of(new ContainerBuilder().withName("otel-agent").withImage("otel/agent:2")
                .withVolumeMounts(mount("otel", "/target")).build()));
        pod.setImagePullSecrets(List.of(new LocalObjectReference("ecr-pull")));
        pod.setLabels(Map.of("team", "orders", "app.kubernetes.io/part-of", "checkout"));
        pod.setAnnotations(Map.of("prometheus.io/scrape", "true"));
        pod.setServiceAccount(new NodeServiceAccountSpec(Map.of("eks.amazonaws.com/role-arn",
                "arn:aws:iam::123456789012:role/orders")));
        pod.setPriorityClassName("stream-critical");
        pod.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("DoNotSchedule").build()));

        assertThat(problems()).isEmpty();
    }

    @Test
    void theNodesVariablesAndJdkJavaOptionsAreRefusedInEnv() {
        pod.setEnv(List.of(env("SIHA_HEARTBEAT_INTERVAL_MS", "50"), env("SIHA_BIND_HOST", "127.0.0.1"),
                env("JDK_JAVA_OPTIONS", "-Xmx1g")));
        assertThat(problems()).containsExactly(
                "spec.pod.env[0].name: SIHA_HEARTBEAT_INTERVAL_MS: SIHA_ variables are the node's configuration,"
                        + " which the operator sets from the spec; set the spec field instead",
                "spec.pod.env[1].name: SIHA_BIND_HOST: SIHA_ variables are the node's configuration, which the"
                        + " operator sets from the spec; set the spec field instead",
                "spec.pod.env[2].name: JDK_JAVA_OPTIONS is the operator's: put the options in spec.pod.jvmOptions");
    }

    @Test
    void anEnvVarTheApiServerWouldRefuseIsRefused() {
        EnvVar both = env("BOTH", "x");
        both.setValueFrom(new io.fabric8.kubernetes.api.model.EnvVarSourceBuilder().withNewFieldRef()
                .withFieldPath("metadata.name").endFieldRef().build());
        pod.setEnv(new ArrayList<>(List.of(env("", "x"), env("1ST", "x"), env("A", "1"), env("A", "2"), both)));
        assertThat(problems()).containsExactly(
                "spec.pod.env[0].name: is required",
                "spec.pod.env[1].name: 1ST: must consist of letters, digits, '_', '-' and '.', and not start with a"
                        + " digit",
                "spec.pod.env[3].name: A is also set by spec.pod.env[2]",
                "spec.pod.env[4]: has both value and valueFrom; keep one");
    }

    @Test
    void envFromNeedsOneSourceAndNoSihaPrefix() {
        pod.setEnvFrom(List.of(new EnvFromSource(null, "SIHA_", null),
                new EnvFromSourceBuilder().withNewConfigMapRef("", false).build(),
                new EnvFromSourceBuilder().withNewConfigMapRef("env", false).withPrefix("SIHA_X_").build()));
        assertThat(problems()).containsExactly(
                "spec.pod.envFrom[0]: needs exactly one of configMapRef and secretRef",
                "spec.pod.envFrom[1].configMapRef.name: is required",
                "spec.pod.envFrom[2].prefix: SIHA_X_: SIHA_ variables are the node's configuration, which the operator"
                        + " sets from the spec");
    }

    @Test
    void jvmOptionsTheLauncherWouldRefuseOrThatWouldRunSomethingElseAreRefused() {
        pod.setJvmOptions(List.of("-Xmx1g -Xms1g", "Xmx1g", "-jar", "--module=x/y", "@/etc/args", " "));
        assertThat(problems()).containsExactly(
                "spec.pod.jvmOptions[0]: -Xmx1g -Xms1g must not contain white space: give each option an item of"
                        + " its own",
                "spec.pod.jvmOptions[1]: Xmx1g must start with '-': the node's jar and its arguments are the image's",
                "spec.pod.jvmOptions[2]: -jar would replace what the JVM runs: the image runs the node's jar",
                "spec.pod.jvmOptions[3]: --module=x/y would replace what the JVM runs: the image runs the node's jar",
                "spec.pod.jvmOptions[4]: @/etc/args is an argument file, which JDK_JAVA_OPTIONS does not take",
                "spec.pod.jvmOptions[5]: is empty");
    }

    @Test
    void theOperatorsVolumeNamesAreRefusedAndVolumesNeedValidUniqueNames() {
        pod.setVolumes(List.of(configMapVolume("apps"), configMapVolume("tls-ingest"), configMapVolume("Rds_CA"),
                configMapVolume("ca"), configMapVolume("ca"), new Volume()));
        assertThat(problems()).containsExactly(
                "spec.pod.volumes[0].name: apps is the operator's volume of the apps; choose another name",
                "spec.pod.volumes[1].name: tls-ingest is the operator's volume of the ingest TLS Secret; choose"
                        + " another name",
                "spec.pod.volumes[2].name: Rds_CA: must be a DNS label (lower case letters, digits and '-', at most"
                        + " 63)",
                "spec.pod.volumes[4].name: ca is listed twice",
                "spec.pod.volumes[5].name: is required");
    }

    @Test
    void aMountAtOrInsideTheOperatorsPathsOrOverTheNodesImageIsRefused() {
        pod.setVolumes(List.of(configMapVolume("ca")));
        pod.setVolumeMounts(List.of(mount("ca", "/etc/siha/apps"), mount("ca", "/tmp/ca"),
                mount("ca", "/opt/siha/extensions/more"), mount("ca", "/opt"), mount("ca", "/"),
                mount("ca", "/etc/siha/tls/sync/")));
        assertThat(problems()).containsExactly(
                "spec.pod.volumeMounts[0].mountPath: /etc/siha/apps is at or inside /etc/siha/apps, where the operator"
                        + " mounts the apps",
                "spec.pod.volumeMounts[1].mountPath: /tmp/ca is at or inside /tmp, where the operator mounts the"
                        + " node's scratch directory",
                "spec.pod.volumeMounts[2].mountPath: /opt/siha/extensions/more is at or inside /opt/siha/extensions,"
                        + " where the operator mounts the extension jars",
                "spec.pod.volumeMounts[3].mountPath: /opt would hide the node's jar at /opt/si-ha in the node image",
                "spec.pod.volumeMounts[3].mountPath: /opt would hide the Java runtime at /opt/java in the node image",
                "spec.pod.volumeMounts[4].mountPath: / would hide the node's jar at /opt/si-ha in the node image",
                "spec.pod.volumeMounts[4].mountPath: / would hide the Java runtime at /opt/java in the node image",
                "spec.pod.volumeMounts[5].mountPath: /etc/siha/tls/sync/ is at or inside /etc/siha/tls/sync, where"
                        + " the operator mounts the sync TLS Secret");
    }

    @Test
    void aMountMustNameAVolumeOfTheTemplateAtAnAbsolutePathOnce() {
        pod.setVolumes(List.of(configMapVolume("ca")));
        pod.setVolumeMounts(List.of(mount("apps", "/srv/apps"), mount("nope", "/srv/x"), mount("ca", "relative"),
                mount("ca", "/srv/ca"), mount("ca", "/srv/ca/")));
        assertThat(problems()).containsExactly(
                "spec.pod.volumeMounts[0].name: apps is the operator's volume of the apps",
                "spec.pod.volumeMounts[1].name: no volume nope in spec.pod.volumes",
                "spec.pod.volumeMounts[2].mountPath: must be an absolute path",
                "spec.pod.volumeMounts[4].mountPath: /srv/ca/ is mounted twice");
    }

    @Test
    void initContainersMayNotTakeTheOperatorsNamesOrVolumes() {
        pod.setInitContainers(List.of(
                new ContainerBuilder().withName("extensions").withImage("busybox").build(),
                new ContainerBuilder().withName("node").withImage("busybox").build(),
                new ContainerBuilder().withName("fetch").build(),
                new ContainerBuilder().withName("fetch").withImage("busybox")
                        .withVolumeMounts(mount("tmp", "/tmp")).build()));
        assertThat(problems()).containsExactly(
                "spec.pod.initContainers[0].name: extensions is the name of the operator's container; choose another",
                "spec.pod.initContainers[1].name: node is the name of the operator's container; choose another",
                "spec.pod.initContainers[2].image: is required",
                "spec.pod.initContainers[3].name: fetch is listed twice",
                "spec.pod.initContainers[3].volumeMounts[0].name: tmp is the operator's volume of the node's scratch"
                        + " directory");
    }

    @Test
    void theKeysTheOperatorAndTheNodesRouteOnAreRefusedInLabelsAndAnnotations() {
        pod.setLabels(new java.util.TreeMap<>(Map.of("siha.io/role", "active", "app.kubernetes.io/name", "x",
                "bad key", "v", "team", "not a value")));
        pod.setAnnotations(Map.of("siha.io/step-down", "now"));
        pod.setServiceAccount(new NodeServiceAccountSpec(Map.of("siha.io/annotations-from-spec", "x")));
        assertThat(problems()).containsExactly(
                "spec.pod.labels: app.kubernetes.io/name is a label the operator sets on every object of the pair",
                "spec.pod.labels: bad key: must be a name of at most 63 letters, digits, '-', '_' and '.', with an"
                        + " optional DNS subdomain and '/' before it",
                "spec.pod.labels: siha.io/role: siha.io/ keys are the operator's and the nodes', which route on them"
                        + " and keep their state there",
                "spec.pod.labels: team=not a value: a label value has at most 63 letters, digits, '-', '_' and '.',"
                        + " beginning and ending with a letter or digit",
                "spec.pod.annotations: siha.io/step-down: siha.io/ keys are the operator's and the nodes', which route"
                        + " on them and keep their state there",
                "spec.pod.serviceAccount.annotations: siha.io/annotations-from-spec: siha.io/ keys are the operator's"
                        + " and the nodes', which route on them and keep their state there");
    }

    @Test
    void pullSecretsPriorityClassAndSpreadConstraintsNeedWhatTheApiServerNeeds() {
        pod.setImagePullSecrets(List.of(new LocalObjectReference("")));
        pod.setPriorityClassName("High Priority");
        pod.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder().withMaxSkew(1).build()));
        assertThat(problems()).containsExactly(
                "spec.pod.imagePullSecrets[0].name: is required",
                "spec.pod.priorityClassName: High Priority: must be the name of a PriorityClass (a DNS subdomain)",
                "spec.pod.topologySpreadConstraints[0]: maxSkew, topologyKey and whenUnsatisfiable are required");
    }

    /** The operator's parts are listed from what it renders: every volume, mount and container of a full pod. */
    @Test
    void everyNameAndPathTheOperatorRendersIsProtected() {
        SiHaCluster cluster = TestClusters.persisted("orders");
        cluster.getSpec().setTls(new TlsSpec(new TlsSecretRef("s"), new TlsSecretRef("i")));
        cluster.getSpec().setExtensions(new ExtensionsSpec("ext:1"));
        var spec = NodePodModel.podSpec(cluster);

        assertThat(OperatorPodParts.volumes().keySet()).containsExactlyInAnyOrderElementsOf(
                spec.getVolumes().stream().map(Volume::getName).toList());
        assertThat(OperatorPodParts.mountPaths().keySet()).containsExactlyInAnyOrderElementsOf(
                spec.getContainers().get(0).getVolumeMounts().stream().map(VolumeMount::getMountPath).toList());
        assertThat(OperatorPodParts.containerNames()).containsExactlyInAnyOrder(
                spec.getContainers().get(0).getName(), spec.getInitContainers().get(0).getName());
        assertThat(OwnedMetadata.labelKeys()).isEqualTo(OwnedMetadata.labels(cluster).keySet());
        Set<String> operatorEnv = NodePodModel.env(cluster).stream().map(EnvVar::getName).collect(Collectors.toSet());
        assertThat(operatorEnv).allMatch(name -> name.startsWith(PodTemplateChecks.NODE_ENV_PREFIX));
    }

    @Test
    void theSpecResolverReportsThemAsInvalidSpec() {
        SiHaCluster cluster = TestClusters.persisted("orders");
        pod.setEnv(List.of(env("SIHA_SYNC_PORT", "1")));
        cluster.getSpec().setPod(pod);
        SpecResolution resolution = SpecResolver.resolve(cluster.getSpec(),
                Optional.of(TestClusters.passwordSecret("pw")), Optional.empty(), Optional.empty());
        assertThat(resolution).isInstanceOfSatisfying(SpecResolution.Invalid.class, invalid ->
                assertThat(invalid.problems()).extracting(SpecProblem::field).containsExactly("spec.pod.env[0].name"));
    }

    private List<String> problems() {
        List<SpecProblem> problems = new ArrayList<>();
        PodTemplateChecks.check(pod, problems);
        return problems.stream().map(SpecProblem::toString).toList();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static Volume configMapVolume(String name) {
        return new VolumeBuilder().withName(name).withNewConfigMap().withName(name).endConfigMap().build();
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
    }
}
