package io.siha.e2e.examples;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.siddhi.core.SiddhiManager;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.SiHaCluster;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.e2e.AsStored;
import io.siha.e2e.UnknownFields;
import io.siha.node.extensions.NodeExtensions;
import io.siha.operator.model.SpecProblem;
import io.siha.operator.model.SpecResolution;
import io.siha.operator.model.SpecResolver;
import io.siha.operator.model.TlsChannel;
import io.siha.operator.model.TlsSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Each example as the operator and the node would take it: the operator's own spec checks pass with the Secret and
 * ConfigMap the file holds, every Siddhi app in it compiles with the node's extensions, and its other objects are
 * well-formed.
 */
class ExamplesAcceptedByTheOperatorTest {

    static final List<String> FILES = Example.FILES;
    private static final SiddhiManager SIDDHI = withTheNodesExtensions(new SiddhiManager());

    /** As the node compiles apps: with its own HTTP source and JSON, text and XML mappers, which SI apps use. */
    private static SiddhiManager withTheNodesExtensions(SiddhiManager manager) {
        NodeExtensions.builtIn().register(manager);
        return manager;
    }

    @AfterAll
    static void shutDownSiddhi() {
        SIDDHI.shutdown();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FILES")
    void theOperatorAcceptsTheSpecWithTheObjectsOfTheFile(String file) {
        assertThat(resolve(Example.load(file), example -> { })).isInstanceOf(SpecResolution.Valid.class);
    }

    @Test
    void theSameCheckRefusesAppsFromBothSources() {
        SpecResolution resolution = resolve(Example.load("sihacluster-configmap.yaml"), spec ->
                spec.getApps().setInline(List.of(new InlineSiddhiApp("extra",
                        "@app:name('Extra') define stream In (a int);"))));

        assertThat(resolution).isInstanceOfSatisfying(SpecResolution.Invalid.class, invalid ->
                assertThat(invalid.problems()).extracting(SpecProblem::field).containsExactly("spec.apps"));
    }

    @Test
    void theExtensionsExamplesSourceGetsThePortItsCommentsSendTo() {
        Example example = Example.load("sihacluster-extensions.yaml");

        assertThat(resolve(example, spec -> { })).isInstanceOfSatisfying(SpecResolution.Valid.class, valid ->
                assertThat(valid.inputs().sourcePorts().numbers()).containsExactly(8280));
        assertThat(example.yaml()).contains("curl -X POST http://sweets:8280/production");
    }

    /** The operator's checks of {@code example}'s spec, changed by {@code change}, with the objects of the file. */
    private static SpecResolution resolve(Example example, java.util.function.Consumer<SiHaClusterSpec> change) {
        String file = example.fileName();
        SiHaClusterSpec spec = example.cluster().getSpec();
        change.accept(spec);
        String secretName = spec.getDatabase().getPasswordSecretRef().getName();
        String secretKey = spec.getDatabase().getPasswordSecretRef().getKey();
        // A password Secret not in the file is one its comments tell the user to create with kubectl.
        Secret password = example.find(Secret.class, secretName).map(AsStored::secret)
                .orElseGet(() -> AsStored.createdOutOfBand(secretName, secretKey));
        Optional<ConfigMap> apps = Optional.ofNullable(spec.getApps().getConfigMapName())
                .map(name -> example.find(ConfigMap.class, name)
                        .orElseThrow(() -> new AssertionError(file + " refers to ConfigMap " + name + " it lacks")));

        return SpecResolver.resolve(spec, Optional.of(password), Optional.empty(), apps, tlsSecrets(spec));
    }

    /** The TLS Secrets a spec names, as cert-manager writes them once it has issued the example's Certificates. */
    private static TlsSecrets tlsSecrets(SiHaClusterSpec spec) {
        return new TlsSecrets(TlsChannel.SYNC.secretName(spec).map(AsStored::issuedByCertManager),
                TlsChannel.INGEST.secretName(spec).map(AsStored::issuedByCertManager));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FILES")
    void everySiddhiAppCompiles(String file) {
        List<String> apps = siddhiApps(Example.load(file));

        assertThat(apps).isNotEmpty();
        apps.forEach(app -> assertThatCode(() -> SIDDHI.validateSiddhiApp(app)).as(app).doesNotThrowAnyException());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FILES")
    void everyOtherObjectIsWellFormed(String file) {
        for (HasMetadata object : Example.load(file).objects()) {
            // cert-manager's kinds have no Fabric8 model to compare with; ExampleContentTest checks how they connect.
            if (!(object instanceof SiHaCluster) && !(object instanceof GenericKubernetesResource)) {
                assertThat(UnknownFields.of(object)).as(object.getKind() + " " + object.getMetadata().getName())
                        .isEmpty();
            }
        }
    }

    private static List<String> siddhiApps(Example example) {
        List<String> apps = new ArrayList<>();
        var inline = example.cluster().getSpec().getApps().getInline();
        if (inline != null) {
            inline.stream().map(InlineSiddhiApp::getSiddhi).forEach(apps::add);
        }
        for (ConfigMap configMap : example.configMaps()) {
            configMap.getData().entrySet().stream()
                    .filter(entry -> entry.getKey().endsWith(SpecResolver.APP_FILE_SUFFIX))
                    .map(Map.Entry::getValue).forEach(apps::add);
        }
        return apps;
    }
}
