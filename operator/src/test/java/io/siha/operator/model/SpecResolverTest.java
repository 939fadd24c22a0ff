package io.siha.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.siha.api.v1alpha1.ExtensionsSpec;
import io.siha.api.v1alpha1.IngestTokenSecretRef;
import io.siha.api.v1alpha1.InlineSiddhiApp;
import io.siha.api.v1alpha1.SiHaClusterSpec;
import io.siha.operator.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SpecResolverTest {

    private static final String TOKEN = "ingest-token-0123456789";
    private static final String X_APP = "@app:name('X') define stream In (a int);";

    private final SiHaClusterSpec spec = TestClusters.cluster("orders").getSpec();
    private final Optional<Secret> password =
            Optional.of(TestClusters.passwordSecret("pw"));

    @Test
    void aValidSpecResolvesToPasswordAndAppFiles() {
        SpecResolution resolution = SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty());
        assertThat(resolution).isInstanceOfSatisfying(SpecResolution.Valid.class, valid -> {
            assertThat(TestClusters.decode(valid.inputs().passwordBase64())).isEqualTo("pw");
            assertThat(valid.inputs().apps()).containsOnlyKeys("counter.siddhi");
        });
    }

    @Test
    void appsFromAConfigMapAreItsSiddhiKeys() {
        spec.getApps().setInline(null);
        spec.getApps().setConfigMapName("mine");
        ConfigMap mine = new ConfigMapBuilder().withNewMetadata().withName("mine").endMetadata()
                .withData(Map.of("x.siddhi", X_APP, "notes.txt", "no")).build();
        assertThat(SpecResolver.resolve(spec, password, Optional.empty(), Optional.of(mine)))
                .isInstanceOfSatisfying(SpecResolution.Valid.class,
                        valid -> assertThat(valid.inputs().apps()).isEqualTo(Map.of("x.siddhi", X_APP)));
    }

    @Test
    void eachProblemNamesItsField() {
        assertThat(problems(SpecResolver.resolve(spec, Optional.empty(), Optional.empty(), Optional.empty())))
                .containsExactly("spec.database.passwordSecretRef.name: Secret pg-password not found");

        spec.getApps().setConfigMapName("mine");
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty())))
                .containsExactly("spec.apps: set exactly one of apps.inline and apps.configMapName");

        spec.getApps().setInline(null);
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.of(new ConfigMapBuilder()
                .withNewMetadata().withName("mine").endMetadata().withData(Map.of("a.txt", "x")).build()))))
                .containsExactly("spec.apps.configMapName: ConfigMap mine has no key ending in .siddhi");
    }

    @Test
    void anAppThatDoesNotParseIsAProblemNamingItsLineInlineOrInAConfigMap() {
        spec.getApps().setInline(List.of(new InlineSiddhiApp("broken", "@app:name('Broken')\ndefine stream In (a strin);")));
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty())))
                .singleElement().asString().startsWith("spec.apps.inline[0].siddhi: app broken does not parse at line 2");

        spec.getApps().setInline(null);
        spec.getApps().setConfigMapName("mine");
        ConfigMap mine = new ConfigMapBuilder().withNewMetadata().withName("mine").endMetadata()
                .withData(Map.of("ok.siddhi", X_APP, "nameless.siddhi", "define stream In (a int);")).build();
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.of(mine))))
                .singleElement().asString().startsWith("spec.apps.configMapName: ConfigMap mine key nameless.siddhi has no"
                        + " @app:name");
    }

    @Test
    void duplicateAppNamesAndClashingPortsAreProblems() {
        spec.getApps().setInline(List.of(new InlineSiddhiApp("a", X_APP), new InlineSiddhiApp("a", X_APP)));
        spec.getSync().setPort(8006);
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty()))).containsExactlyInAnyOrder(
                "spec.apps.inline[1].name: duplicate app name a",
                "spec.sync.port, spec.ingest: sync.port, ingest.httpPort, ingest.binaryPort and the REST port 9090"
                        + " must all differ");
    }

    @Test
    void requiredFieldsMissingOnAServerWithoutValidationAreProblems() {
        spec.setImage(null);
        spec.setDatabase(null);
        spec.setApps(null);
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty()))).containsExactlyInAnyOrder(
                "spec.image: is required", "spec.database: is required", "spec.apps: is required");
    }

    @Test
    void anIngestTokenIsReadFromItsSecret() {
        spec.getIngest().setAuthTokenSecretRef(new IngestTokenSecretRef("ingest", IngestTokenSecretRef.DEFAULT_KEY));
        assertThat(SpecResolver.resolve(spec, password, Optional.of(TestClusters.secret("ingest", "token", TOKEN)),
                Optional.empty())).isInstanceOfSatisfying(SpecResolution.Valid.class, valid ->
                assertThat(valid.inputs().ingestTokenBase64()).hasValue(TestClusters.base64(TOKEN)));
        spec.getIngest().setAuthTokenSecretRef(null);
        assertThat(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(SpecResolution.Valid.class,
                        valid -> assertThat(valid.inputs().ingestTokenBase64()).isEmpty());
    }

    @Test
    void aMissingShortOrKeylessIngestTokenSecretIsAProblemThatNeverShowsTheToken() {
        spec.getIngest().setAuthTokenSecretRef(new IngestTokenSecretRef("ingest", "bearer"));
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty())))
                .containsExactly("spec.ingest.authTokenSecretRef.name: Secret ingest not found");
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.of(TestClusters.secret("ingest", "token", TOKEN)),
                Optional.empty())))
                .containsExactly("spec.ingest.authTokenSecretRef.key: Secret ingest has no key bearer");
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.of(TestClusters.secret("ingest", "bearer", "short-tok")),
                Optional.empty())))
                .containsExactly("spec.ingest.authTokenSecretRef.key: the token in Secret ingest key bearer is"
                        + " shorter than 16 characters")
                .noneMatch(problem -> problem.contains("short-tok"));
    }

    @Test
    void allowedFromNeedsPeersThatNameASource() {
        spec.getIngest().setAllowedFrom(List.of());
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty())))
                .containsExactly("spec.ingest.allowedFrom: must list at least one peer, or be left out to allow"
                        + " any source");
        spec.getIngest().setAllowedFrom(List.of(
                new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("10.0.0.0/8").endIpBlock().build(),
                new NetworkPolicyPeer()));
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty())))
                .containsExactly("spec.ingest.allowedFrom[1]: needs a podSelector, a namespaceSelector or an ipBlock");
    }

    @Test
    void extensionsNeedAnImageWithoutWhiteSpaceAndAnAbsolutePath() {
        spec.setExtensions(new ExtensionsSpec("registry.example.com/orders-extensions:1.0"));
        assertThat(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty()))
                .isInstanceOf(SpecResolution.Valid.class);

        spec.setExtensions(new ExtensionsSpec(" "));
        spec.getExtensions().setPath("extensions");
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty())))
                .containsExactly("spec.extensions.image: is required",
                        "spec.extensions.path: must be an absolute path in the image, e.g. /extensions");

        spec.setExtensions(new ExtensionsSpec("orders-extensions:1.0 "));
        spec.getExtensions().setPath(null);
        assertThat(problems(SpecResolver.resolve(spec, password, Optional.empty(), Optional.empty())))
                .containsExactly("spec.extensions.image: must not contain white space",
                        "spec.extensions.path: must be an absolute path in the image, e.g. /extensions");
    }

    private static List<String> problems(SpecResolution resolution) {
        assertThat(resolution).isInstanceOf(SpecResolution.Invalid.class);
        return ((SpecResolution.Invalid) resolution).problems().stream().map(SpecProblem::toString).toList();
    }
}
